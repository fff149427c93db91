BEGIN;
--
-- Rename unnamed index for ('ticker', 'venue') on quote to pots_mys_quote_tv_idx
--
ALTER INDEX "pots_mys_quote_ticker_venue_ac5c6839_idx" RENAME TO "pots_mys_quote_tv_idx";
--
-- Alter field ticker on quote
--
ALTER TABLE "pots_mys_quote" DROP CONSTRAINT "pots_mys_quote_ticker_key";
DROP INDEX IF EXISTS "pots_mys_quote_ticker_80224a70_like";
--
-- Alter field venue on quote
--
DROP INDEX IF EXISTS "pots_mys_quote_venue_dba74529";
DROP INDEX IF EXISTS "pots_mys_quote_venue_dba74529_like";
--
-- Alter field volume on quote
--
ALTER TABLE "pots_mys_quote" DROP CONSTRAINT "pots_mys_quote_volume_check";
ALTER TABLE "pots_mys_quote" ALTER COLUMN "volume" TYPE bigint USING "volume"::bigint;
--
-- Remove field customer from quote
--
SET CONSTRAINTS "pots_mys_quote_customer_id_67b97178_fk_pots_mys_customer_id" IMMEDIATE; ALTER TABLE "pots_mys_quote" DROP CONSTRAINT "pots_mys_quote_customer_id_67b97178_fk_pots_mys_customer_id";
ALTER TABLE "pots_mys_quote" DROP COLUMN "customer_id" CASCADE;
COMMIT;
