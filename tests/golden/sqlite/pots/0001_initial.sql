BEGIN;
--
-- Create model BigAutoPk
--
CREATE TABLE "pots_bigautopk" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "label" varchar(20) NOT NULL);
--
-- Create model Customer
--
CREATE TABLE "pots_customer" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(250) NOT NULL);
--
-- Create model FieldZoo
--
CREATE TABLE "pots_fieldzoo" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "big_integer" bigint NOT NULL, "binary_data" BLOB NOT NULL, "flag" bool NOT NULL, "char_text" varchar(40) NOT NULL, "date_on" date NOT NULL, "moment" datetime NOT NULL, "amount" decimal NOT NULL, "span" bigint NOT NULL, "email" varchar(254) NOT NULL, "upload" varchar(100) NOT NULL, "file_path" varchar(100) NOT NULL, "ratio" real NOT NULL, "ip_address" char(39) NOT NULL, "count" integer NOT NULL, "document" text NOT NULL CHECK ((JSON_VALID("document") OR "document" IS NULL)), "positive_big" bigint unsigned NOT NULL CHECK ("positive_big" >= 0), "positive" integer unsigned NOT NULL CHECK ("positive" >= 0), "positive_small" smallint unsigned NOT NULL CHECK ("positive_small" >= 0), "slug" varchar(50) NOT NULL, "small_integer" smallint NOT NULL, "body" text NOT NULL, "time_of_day" time NOT NULL, "url" varchar(200) NOT NULL, "uuid" char(32) NOT NULL);
--
-- Create model Pot
--
CREATE TABLE "pots_pot" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "TYPE" varchar(20) NOT NULL, "SIZE" varchar(20) NOT NULL, "AVAILABLE" bool NOT NULL, "DIRTY" bool NOT NULL);
--
-- Create model Product
--
CREATE TABLE "pots_product" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(250) NOT NULL, "price" decimal NOT NULL);
--
-- Create model SmallAutoPk
--
CREATE TABLE "pots_smallautopk" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "label" varchar(20) NOT NULL);
--
-- Create model Stock
--
CREATE TABLE "pots_stock" ("date_time" datetime NOT NULL PRIMARY KEY, "price_low" real NOT NULL, "price_high" real NOT NULL);
--
-- Create model Order
--
CREATE TABLE "pots_order" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "subtotal" decimal NOT NULL, "customer_id" integer NULL REFERENCES "pots_customer" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "pots_order_products" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "order_id" integer NOT NULL REFERENCES "pots_order" ("id") DEFERRABLE INITIALLY DEFERRED, "product_id" integer NOT NULL REFERENCES "pots_product" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE INDEX "pots_fieldzoo_slug_a2e044d8" ON "pots_fieldzoo" ("slug");
CREATE INDEX "pots_order_customer_id_ed6ffeed" ON "pots_order" ("customer_id");
CREATE UNIQUE INDEX "pots_order_products_order_id_product_id_432dade7_uniq" ON "pots_order_products" ("order_id", "product_id");
CREATE INDEX "pots_order_products_order_id_b345f017" ON "pots_order_products" ("order_id");
CREATE INDEX "pots_order_products_product_id_cfe9b50e" ON "pots_order_products" ("product_id");
COMMIT;
