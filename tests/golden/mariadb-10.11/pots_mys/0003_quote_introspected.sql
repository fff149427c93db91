--
-- Rename unnamed index for ('ticker', 'venue') on quote to pots_mys_quote_tv_idx
--
ALTER TABLE `pots_mys_quote` RENAME INDEX `pots_mys_quote_ticker_venue_ac5c6839_idx` TO `pots_mys_quote_tv_idx`;
--
-- Alter field ticker on quote
--
ALTER TABLE `pots_mys_quote` DROP INDEX `ticker`;
--
-- Alter field venue on quote
--
DROP INDEX `pots_mys_quote_venue_dba74529` ON `pots_mys_quote`;
--
-- Alter field volume on quote
--
ALTER TABLE `pots_mys_quote` DROP CONSTRAINT IF EXISTS `__unnamed_constraint_1__`;
ALTER TABLE `pots_mys_quote` MODIFY `volume` bigint NOT NULL;
--
-- Remove field customer from quote
--
ALTER TABLE `pots_mys_quote` DROP FOREIGN KEY `pots_mys_quote_customer_id_67b97178_fk_pots_mys_customer_id`;
ALTER TABLE `pots_mys_quote` DROP COLUMN `customer_id`;
