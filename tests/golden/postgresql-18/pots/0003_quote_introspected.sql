BEGIN;
--
-- Rename unnamed index for ('ticker', 'venue') on quote to pots_quote_tv_idx
--
ALTER INDEX "pots_quote_ticker_venue_b8297eec_idx" RENAME TO "pots_quote_tv_idx";
--
-- Alter field ticker on quote
--
ALTER TABLE "pots_quote" DROP CONSTRAINT "pots_quote_ticker_key";
DROP INDEX IF EXISTS "pots_quote_ticker_b7404042_like";
--
-- Alter field venue on quote
--
DROP INDEX IF EXISTS "pots_quote_venue_40ce66f3";
DROP INDEX IF EXISTS "pots_quote_venue_40ce66f3_like";
--
-- Alter field volume on quote
--
ALTER TABLE "pots_quote" DROP CONSTRAINT "pots_quote_volume_check";
ALTER TABLE "pots_quote" ALTER COLUMN "volume" TYPE bigint USING "volume"::bigint;
--
-- Remove field customer from quote
--
SET CONSTRAINTS "pots_quote_customer_id_ff34b001_fk_pots_customer_id" IMMEDIATE; ALTER TABLE "pots_quote" DROP CONSTRAINT "pots_quote_customer_id_ff34b001_fk_pots_customer_id";
ALTER TABLE "pots_quote" DROP COLUMN "customer_id" CASCADE;
COMMIT;
