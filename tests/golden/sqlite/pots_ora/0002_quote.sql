BEGIN;
--
-- Create model Quote
--
CREATE TABLE "pots_ora_quote" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "ticker" varchar(12) NOT NULL UNIQUE, "venue" varchar(20) NOT NULL, "volume" integer unsigned NOT NULL CHECK ("volume" >= 0), "price" decimal NOT NULL, "customer_id" integer NULL REFERENCES "pots_ora_customer" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE INDEX "pots_ora_quote_ticker_venue_0d69abb2_idx" ON "pots_ora_quote" ("ticker", "venue");
CREATE INDEX "pots_ora_quote_venue_52c6ec88" ON "pots_ora_quote" ("venue");
CREATE INDEX "pots_ora_quote_customer_id_9cca72b2" ON "pots_ora_quote" ("customer_id");
COMMIT;
