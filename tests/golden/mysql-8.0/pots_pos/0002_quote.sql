--
-- Create model Quote
--
CREATE TABLE `pots_pos_quote` (`id` integer AUTO_INCREMENT NOT NULL PRIMARY KEY, `ticker` varchar(12) NOT NULL UNIQUE, `venue` varchar(20) NOT NULL, `volume` integer UNSIGNED NOT NULL CHECK (`volume` >= 0), `price` numeric(18, 4) NOT NULL, `customer_id` integer NULL);
CREATE INDEX `pots_pos_quote_ticker_venue_6104343c_idx` ON `pots_pos_quote` (`ticker`, `venue`);
ALTER TABLE `pots_pos_quote` ADD CONSTRAINT `pots_pos_quote_customer_id_469eed8f_fk_pots_pos_customer_id` FOREIGN KEY (`customer_id`) REFERENCES `pots_pos_customer` (`id`);
CREATE INDEX `pots_pos_quote_venue_aed8e4e4` ON `pots_pos_quote` (`venue`);
