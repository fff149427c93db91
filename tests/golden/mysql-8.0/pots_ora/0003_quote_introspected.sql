--
-- Rename unnamed index for ('ticker', 'venue') on quote to pots_ora_quote_tv_idx
--
ALTER TABLE `pots_ora_quote` RENAME INDEX `pots_ora_quote_ticker_venue_0d69abb2_idx` TO `pots_ora_quote_tv_idx`;
--
-- Alter field ticker on quote
--
ALTER TABLE `pots_ora_quote` DROP INDEX `ticker`;
--
-- Alter field venue on quote
--
DROP INDEX `pots_ora_quote_venue_52c6ec88` ON `pots_ora_quote`;
--
-- Alter field volume on quote
--
ALTER TABLE `pots_ora_quote` DROP CHECK `pots_ora_quote_chk_1`;
ALTER TABLE `pots_ora_quote` MODIFY `volume` bigint NOT NULL;
--
-- Remove field customer from quote
--
ALTER TABLE `pots_ora_quote` DROP FOREIGN KEY `pots_ora_quote_customer_id_9cca72b2_fk_pots_ora_customer_id`;
ALTER TABLE `pots_ora_quote` DROP COLUMN `customer_id`;
