--
-- Create model Quote
--
CREATE TABLE `pots_mys_quote` (`id` integer AUTO_INCREMENT NOT NULL PRIMARY KEY, `ticker` varchar(12) NOT NULL UNIQUE, `venue` varchar(20) NOT NULL, `volume` integer UNSIGNED NOT NULL CHECK (`volume` >= 0), `price` numeric(18, 4) NOT NULL, `customer_id` integer NULL);
CREATE INDEX `pots_mys_quote_ticker_venue_ac5c6839_idx` ON `pots_mys_quote` (`ticker`, `venue`);
ALTER TABLE `pots_mys_quote` ADD CONSTRAINT `pots_mys_quote_customer_id_67b97178_fk_pots_mys_customer_id` FOREIGN KEY (`customer_id`) REFERENCES `pots_mys_customer` (`id`);
CREATE INDEX `pots_mys_quote_venue_dba74529` ON `pots_mys_quote` (`venue`);
