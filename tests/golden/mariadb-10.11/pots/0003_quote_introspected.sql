--
-- Rename unnamed index for ('ticker', 'venue') on quote to pots_quote_tv_idx
--
ALTER TABLE `pots_quote` RENAME INDEX `pots_quote_ticker_venue_b8297eec_idx` TO `pots_quote_tv_idx`;
--
-- Alter field ticker on quote
--
ALTER TABLE `pots_quote` DROP INDEX `ticker`;
--
-- Alter field venue on quote
--
DROP INDEX `pots_quote_venue_40ce66f3` ON `pots_quote`;
--
-- Alter field volume on quote
--
ALTER TABLE `pots_quote` DROP CONSTRAINT IF EXISTS `__unnamed_constraint_1__`;
ALTER TABLE `pots_quote` MODIFY `volume` bigint NOT NULL;
--
-- Remove field customer from quote
--
ALTER TABLE `pots_quote` DROP FOREIGN KEY `pots_quote_customer_id_ff34b001_fk_pots_customer_id`;
ALTER TABLE `pots_quote` DROP COLUMN `customer_id`;
