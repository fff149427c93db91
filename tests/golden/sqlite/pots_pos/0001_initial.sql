BEGIN;
--
-- Create model BigAutoPk
--
CREATE TABLE "pots_pos_bigautopk" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "label" varchar(20) NOT NULL);
--
-- Create model Customer
--
CREATE TABLE "pots_pos_customer" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(250) NOT NULL);
--
-- Create model FieldZoo
--
CREATE TABLE "pots_pos_fieldzoo" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "big_integer" bigint NOT NULL, "binary_data" BLOB NOT NULL, "flag" bool NOT NULL, "char_text" varchar(40) NOT NULL, "date_on" date NOT NULL, "moment" datetime NOT NULL, "amount" decimal NOT NULL, "span" bigint NOT NULL, "email" varchar(254) NOT NULL, "upload" varchar(100) NOT NULL, "file_path" varchar(100) NOT NULL, "ratio" real NOT NULL, "ip_address" char(39) NOT NULL, "count" integer NOT NULL, "document" text NOT NULL CHECK ((JSON_VALID("document") OR "document" IS NULL)), "positive_big" bigint unsigned NOT NULL CHECK ("positive_big" >= 0), "positive" integer unsigned NOT NULL CHECK ("positive" >= 0), "positive_small" smallint unsigned NOT NULL CHECK ("positive_small" >= 0), "slug" varchar(50) NOT NULL, "small_integer" smallint NOT NULL, "body" text NOT NULL, "time_of_day" time NOT NULL, "url" varchar(200) NOT NULL, "uuid" char(32) NOT NULL);
--
-- Create model Pot
--
CREATE TABLE "pots_pos_pot" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "TYPE" varchar(20) NOT NULL, "SIZE" varchar(20) NOT NULL, "AVAILABLE" bool NOT NULL, "DIRTY" bool NOT NULL);
--
-- Create model Product
--
CREATE TABLE "pots_pos_product" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(250) NOT NULL, "price" decimal NOT NULL);
--
-- Create model SmallAutoPk
--
CREATE TABLE "pots_pos_smallautopk" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "label" varchar(20) NOT NULL);
--
-- Create model Stock
--
CREATE TABLE "pots_pos_stock" ("date_time" datetime NOT NULL PRIMARY KEY, "price_low" real NOT NULL, "price_high" real NOT NULL);
--
-- Create model Order
--
CREATE TABLE "pots_pos_order" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "subtotal" decimal NOT NULL, "customer_id" integer NULL REFERENCES "pots_pos_customer" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "pots_pos_order_products" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "order_id" integer NOT NULL REFERENCES "pots_pos_order" ("id") DEFERRABLE INITIALLY DEFERRED, "product_id" integer NOT NULL REFERENCES "pots_pos_product" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE INDEX "pots_pos_fieldzoo_slug_b7594336" ON "pots_pos_fieldzoo" ("slug");
CREATE INDEX "pots_pos_order_customer_id_d0b3d0d5" ON "pots_pos_order" ("customer_id");
CREATE UNIQUE INDEX "pots_pos_order_products_order_id_product_id_87a12a2d_uniq" ON "pots_pos_order_products" ("order_id", "product_id");
CREATE INDEX "pots_pos_order_products_order_id_98f8c302" ON "pots_pos_order_products" ("order_id");
CREATE INDEX "pots_pos_order_products_product_id_b2e771ab" ON "pots_pos_order_products" ("product_id");
COMMIT;
