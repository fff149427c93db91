--
-- Create model BigAutoPk
--
CREATE TABLE "pots_pos_bigautopk" ("id" integer NOT NULL PRIMARY KEY DEFAULT unique_rowid(), "label" varchar(20) NOT NULL);
--
-- Create model Customer
--
CREATE TABLE "pots_pos_customer" ("id" integer NOT NULL PRIMARY KEY DEFAULT unique_rowid(), "name" varchar(250) NOT NULL);
--
-- Create model FieldZoo
--
CREATE TABLE "pots_pos_fieldzoo" ("id" integer NOT NULL PRIMARY KEY DEFAULT unique_rowid(), "big_integer" bigint NOT NULL, "binary_data" bytea NOT NULL, "flag" boolean NOT NULL, "char_text" varchar(40) NOT NULL, "date_on" date NOT NULL, "moment" timestamptz NOT NULL, "amount" numeric(12, 4) NOT NULL, "span" interval NOT NULL, "email" varchar(254) NOT NULL, "upload" varchar(100) NOT NULL, "file_path" varchar(100) NOT NULL, "ratio" double precision NOT NULL, "ip_address" inet NOT NULL, "count" integer NOT NULL, "document" jsonb NOT NULL, "positive_big" bigint NOT NULL CHECK ("positive_big" >= 0), "positive" integer NOT NULL CHECK ("positive" >= 0), "positive_small" smallint NOT NULL CHECK ("positive_small" >= 0), "slug" varchar(50) NOT NULL, "small_integer" smallint NOT NULL, "body" text NOT NULL, "time_of_day" time NOT NULL, "url" varchar(200) NOT NULL, "uuid" uuid NOT NULL);
--
-- Create model Pot
--
CREATE TABLE "pots_pos_pot" ("id" integer NOT NULL PRIMARY KEY DEFAULT unique_rowid(), "TYPE" varchar(20) NOT NULL, "SIZE" varchar(20) NOT NULL, "AVAILABLE" boolean NOT NULL, "DIRTY" boolean NOT NULL);
--
-- Create model Product
--
CREATE TABLE "pots_pos_product" ("id" integer NOT NULL PRIMARY KEY DEFAULT unique_rowid(), "name" varchar(250) NOT NULL, "price" numeric(18, 2) NOT NULL);
--
-- Create model SmallAutoPk
--
CREATE TABLE "pots_pos_smallautopk" ("id" smallint NOT NULL PRIMARY KEY, "label" varchar(20) NOT NULL);
--
-- Create model Stock
--
CREATE TABLE "pots_pos_stock" ("date_time" timestamptz NOT NULL PRIMARY KEY, "price_low" double precision NOT NULL, "price_high" double precision NOT NULL);
--
-- Create model Order
--
CREATE TABLE "pots_pos_order" ("id" integer NOT NULL PRIMARY KEY DEFAULT unique_rowid(), "subtotal" numeric(18, 2) NOT NULL, "customer_id" integer NULL);
CREATE TABLE "pots_pos_order_products" ("id" integer NOT NULL PRIMARY KEY DEFAULT unique_rowid(), "order_id" integer NOT NULL, "product_id" integer NOT NULL);
CREATE INDEX "pots_pos_fieldzoo_slug_b7594336" ON "pots_pos_fieldzoo" ("slug");
ALTER TABLE "pots_pos_order" ADD CONSTRAINT "pots_pos_order_customer_id_d0b3d0d5_fk_pots_pos_customer_id" FOREIGN KEY ("customer_id") REFERENCES "pots_pos_customer" ("id");
ALTER TABLE "pots_pos_order_products" ADD CONSTRAINT "pots_pos_order_products_order_id_product_id_87a12a2d_uniq" UNIQUE ("order_id", "product_id");
ALTER TABLE "pots_pos_order_products" ADD CONSTRAINT "pots_pos_order_products_order_id_98f8c302_fk_pots_pos_order_id" FOREIGN KEY ("order_id") REFERENCES "pots_pos_order" ("id");
ALTER TABLE "pots_pos_order_products" ADD CONSTRAINT "pots_pos_order_produ_product_id_b2e771ab_fk_pots_pos_" FOREIGN KEY ("product_id") REFERENCES "pots_pos_product" ("id");
