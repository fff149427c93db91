--
-- Create model Quote
--
CREATE TABLE `pots_ora_quote` (`id` integer AUTO_INCREMENT NOT NULL PRIMARY KEY, `ticker` varchar(12) NOT NULL UNIQUE, `venue` varchar(20) NOT NULL, `volume` integer UNSIGNED NOT NULL CHECK (`volume` >= 0), `price` numeric(18, 4) NOT NULL, `customer_id` integer NULL);
CREATE INDEX `pots_ora_quote_ticker_venue_0d69abb2_idx` ON `pots_ora_quote` (`ticker`, `venue`);
ALTER TABLE `pots_ora_quote` ADD CONSTRAINT `pots_ora_quote_customer_id_9cca72b2_fk_pots_ora_customer_id` FOREIGN KEY (`customer_id`) REFERENCES `pots_ora_customer` (`id`);
CREATE INDEX `pots_ora_quote_venue_52c6ec88` ON `pots_ora_quote` (`venue`);
