--
-- Create model Quote
--
CREATE TABLE `pots_quote` (`id` integer AUTO_INCREMENT NOT NULL PRIMARY KEY, `ticker` varchar(12) NOT NULL UNIQUE, `venue` varchar(20) NOT NULL, `volume` integer UNSIGNED NOT NULL CHECK (`volume` >= 0), `price` numeric(18, 4) NOT NULL, `customer_id` integer NULL);
CREATE INDEX `pots_quote_ticker_venue_b8297eec_idx` ON `pots_quote` (`ticker`, `venue`);
ALTER TABLE `pots_quote` ADD CONSTRAINT `pots_quote_customer_id_ff34b001_fk_pots_customer_id` FOREIGN KEY (`customer_id`) REFERENCES `pots_customer` (`id`);
CREATE INDEX `pots_quote_venue_40ce66f3` ON `pots_quote` (`venue`);
