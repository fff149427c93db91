--
-- Rename unnamed index for ('ticker', 'venue') on quote to pots_mys_quote_tv_idx
--
ALTER INDEX "pots_mys_quote_ticker_venue_ac5c6839_idx" RENAME TO "pots_mys_quote_tv_idx";
--
-- Alter field ticker on quote
--
DROP INDEX "pots_mys_quote_ticker_key" CASCADE;
--
-- Alter field venue on quote
--
DROP INDEX IF EXISTS "pots_mys_quote_venue_dba74529";
--
-- Alter field volume on quote
--
ALTER TABLE "pots_mys_quote" DROP CONSTRAINT "check_volume";
ALTER TABLE "pots_mys_quote" ALTER COLUMN "volume" TYPE bigint;
--
-- Remove field customer from quote
--
ALTER TABLE "pots_mys_quote" DROP CONSTRAINT "pots_mys_quote_customer_id_67b97178_fk_pots_mys_customer_id";
ALTER TABLE "pots_mys_quote" DROP COLUMN "customer_id" CASCADE;
