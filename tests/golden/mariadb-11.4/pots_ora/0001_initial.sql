--
-- Create model BigAutoPk
--
CREATE TABLE `pots_ora_bigautopk` (`id` bigint AUTO_INCREMENT NOT NULL PRIMARY KEY, `label` varchar(20) NOT NULL);
--
-- Create model Customer
--
CREATE TABLE `pots_ora_customer` (`id` integer AUTO_INCREMENT NOT NULL PRIMARY KEY, `name` varchar(250) NOT NULL);
--
-- Create model FieldZoo
--
CREATE TABLE `pots_ora_fieldzoo` (`id` integer AUTO_INCREMENT NOT NULL PRIMARY KEY, `big_integer` bigint NOT NULL, `binary_data` longblob NOT NULL, `flag` bool NOT NULL, `char_text` varchar(40) NOT NULL, `date_on` date NOT NULL, `moment` datetime(6) NOT NULL, `amount` numeric(12, 4) NOT NULL, `span` bigint NOT NULL, `email` varchar(254) NOT NULL, `upload` varchar(100) NOT NULL, `file_path` varchar(100) NOT NULL, `ratio` double precision NOT NULL, `ip_address` char(39) NOT NULL, `count` integer NOT NULL, `document` json NOT NULL, `positive_big` bigint UNSIGNED NOT NULL CHECK (`positive_big` >= 0), `positive` integer UNSIGNED NOT NULL CHECK (`positive` >= 0), `positive_small` smallint UNSIGNED NOT NULL CHECK (`positive_small` >= 0), `slug` varchar(50) NOT NULL, `small_integer` smallint NOT NULL, `body` longtext NOT NULL, `time_of_day` time(6) NOT NULL, `url` varchar(200) NOT NULL, `uuid` uuid NOT NULL);
--
-- Create model Pot
--
CREATE TABLE `pots_ora_pot` (`id` integer AUTO_INCREMENT NOT NULL PRIMARY KEY, `TYPE` varchar(20) NOT NULL, `SIZE` varchar(20) NOT NULL, `AVAILABLE` bool NOT NULL, `DIRTY` bool NOT NULL);
--
-- Create model Product
--
CREATE TABLE `pots_ora_product` (`id` integer AUTO_INCREMENT NOT NULL PRIMARY KEY, `name` varchar(250) NOT NULL, `price` numeric(18, 2) NOT NULL);
--
-- Create model SmallAutoPk
--
CREATE TABLE `pots_ora_smallautopk` (`id` smallint AUTO_INCREMENT NOT NULL PRIMARY KEY, `label` varchar(20) NOT NULL);
--
-- Create model Stock
--
CREATE TABLE `pots_ora_stock` (`date_time` datetime(6) NOT NULL PRIMARY KEY, `price_low` double precision NOT NULL, `price_high` double precision NOT NULL);
--
-- Create model Order
--
CREATE TABLE `pots_ora_order` (`id` integer AUTO_INCREMENT NOT NULL PRIMARY KEY, `subtotal` numeric(18, 2) NOT NULL, `customer_id` integer NULL);
CREATE TABLE `pots_ora_order_products` (`id` integer AUTO_INCREMENT NOT NULL PRIMARY KEY, `order_id` integer NOT NULL, `product_id` integer NOT NULL);
CREATE INDEX `pots_ora_fieldzoo_slug_b59e854c` ON `pots_ora_fieldzoo` (`slug`);
ALTER TABLE `pots_ora_order` ADD CONSTRAINT `pots_ora_order_customer_id_07b62534_fk_pots_ora_customer_id` FOREIGN KEY (`customer_id`) REFERENCES `pots_ora_customer` (`id`);
ALTER TABLE `pots_ora_order_products` ADD CONSTRAINT `pots_ora_order_products_order_id_product_id_4d48ba46_uniq` UNIQUE (`order_id`, `product_id`);
ALTER TABLE `pots_ora_order_products` ADD CONSTRAINT `pots_ora_order_products_order_id_b9ed1e1a_fk_pots_ora_order_id` FOREIGN KEY (`order_id`) REFERENCES `pots_ora_order` (`id`);
ALTER TABLE `pots_ora_order_products` ADD CONSTRAINT `pots_ora_order_produ_product_id_77bfdb5a_fk_pots_ora_` FOREIGN KEY (`product_id`) REFERENCES `pots_ora_product` (`id`);
