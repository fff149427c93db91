BEGIN;
--
-- Rename unnamed index for ('ticker', 'venue') on quote to pots_ora_quote_tv_idx
--
ALTER INDEX "pots_ora_quote_ticker_venue_0d69abb2_idx" RENAME TO "pots_ora_quote_tv_idx";
--
-- Alter field ticker on quote
--
ALTER TABLE "pots_ora_quote" DROP CONSTRAINT "pots_ora_quote_ticker_key";
DROP INDEX IF EXISTS "pots_ora_quote_ticker_4bc4e779_like";
--
-- Alter field venue on quote
--
DROP INDEX IF EXISTS "pots_ora_quote_venue_52c6ec88";
DROP INDEX IF EXISTS "pots_ora_quote_venue_52c6ec88_like";
--
-- Alter field volume on quote
--
ALTER TABLE "pots_ora_quote" DROP CONSTRAINT "pots_ora_quote_volume_check";
ALTER TABLE "pots_ora_quote" ALTER COLUMN "volume" TYPE bigint USING "volume"::bigint;
--
-- Remove field customer from quote
--
SET CONSTRAINTS "pots_ora_quote_customer_id_9cca72b2_fk_pots_ora_customer_id" IMMEDIATE; ALTER TABLE "pots_ora_quote" DROP CONSTRAINT "pots_ora_quote_customer_id_9cca72b2_fk_pots_ora_customer_id";
ALTER TABLE "pots_ora_quote" DROP COLUMN "customer_id" CASCADE;
COMMIT;
