BEGIN;
--
-- Rename unnamed index for ('ticker', 'venue') on quote to pots_pos_quote_tv_idx
--
ALTER INDEX "pots_pos_quote_ticker_venue_6104343c_idx" RENAME TO "pots_pos_quote_tv_idx";
--
-- Alter field ticker on quote
--
ALTER TABLE "pots_pos_quote" DROP CONSTRAINT "pots_pos_quote_ticker_key";
DROP INDEX IF EXISTS "pots_pos_quote_ticker_9ab338d5_like";
--
-- Alter field venue on quote
--
DROP INDEX IF EXISTS "pots_pos_quote_venue_aed8e4e4";
DROP INDEX IF EXISTS "pots_pos_quote_venue_aed8e4e4_like";
--
-- Alter field volume on quote
--
ALTER TABLE "pots_pos_quote" DROP CONSTRAINT "pots_pos_quote_volume_check";
ALTER TABLE "pots_pos_quote" ALTER COLUMN "volume" TYPE bigint USING "volume"::bigint;
--
-- Remove field customer from quote
--
SET CONSTRAINTS "pots_pos_quote_customer_id_469eed8f_fk_pots_pos_customer_id" IMMEDIATE; ALTER TABLE "pots_pos_quote" DROP CONSTRAINT "pots_pos_quote_customer_id_469eed8f_fk_pots_pos_customer_id";
ALTER TABLE "pots_pos_quote" DROP COLUMN "customer_id" CASCADE;
COMMIT;
