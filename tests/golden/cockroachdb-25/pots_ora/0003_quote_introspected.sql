--
-- Rename unnamed index for ('ticker', 'venue') on quote to pots_ora_quote_tv_idx
--
ALTER INDEX "pots_ora_quote_ticker_venue_0d69abb2_idx" RENAME TO "pots_ora_quote_tv_idx";
--
-- Alter field ticker on quote
--
DROP INDEX "pots_ora_quote_ticker_key" CASCADE;
--
-- Alter field venue on quote
--
DROP INDEX IF EXISTS "pots_ora_quote_venue_52c6ec88";
--
-- Alter field volume on quote
--
ALTER TABLE "pots_ora_quote" DROP CONSTRAINT "check_volume";
ALTER TABLE "pots_ora_quote" ALTER COLUMN "volume" TYPE bigint;
--
-- Remove field customer from quote
--
ALTER TABLE "pots_ora_quote" DROP CONSTRAINT "pots_ora_quote_customer_id_9cca72b2_fk_pots_ora_customer_id";
ALTER TABLE "pots_ora_quote" DROP COLUMN "customer_id" CASCADE;
