--
-- Rename unnamed index for ('ticker', 'venue') on quote to pots_pos_quote_tv_idx
--
ALTER TABLE `pots_pos_quote` RENAME INDEX `pots_pos_quote_ticker_venue_6104343c_idx` TO `pots_pos_quote_tv_idx`;
--
-- Alter field ticker on quote
--
ALTER TABLE `pots_pos_quote` DROP INDEX `ticker`;
--
-- Alter field venue on quote
--
DROP INDEX `pots_pos_quote_venue_aed8e4e4` ON `pots_pos_quote`;
--
-- Alter field volume on quote
--
ALTER TABLE `pots_pos_quote` DROP CHECK `pots_pos_quote_chk_1`;
ALTER TABLE `pots_pos_quote` MODIFY `volume` bigint NOT NULL;
--
-- Remove field customer from quote
--
ALTER TABLE `pots_pos_quote` DROP FOREIGN KEY `pots_pos_quote_customer_id_469eed8f_fk_pots_pos_customer_id`;
ALTER TABLE `pots_pos_quote` DROP COLUMN `customer_id`;
