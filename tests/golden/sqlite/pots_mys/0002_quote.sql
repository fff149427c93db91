BEGIN;
--
-- Create model Quote
--
CREATE TABLE "pots_mys_quote" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "ticker" varchar(12) NOT NULL UNIQUE, "venue" varchar(20) NOT NULL, "volume" integer unsigned NOT NULL CHECK ("volume" >= 0), "price" decimal NOT NULL, "customer_id" integer NULL REFERENCES "pots_mys_customer" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE INDEX "pots_mys_quote_ticker_venue_ac5c6839_idx" ON "pots_mys_quote" ("ticker", "venue");
CREATE INDEX "pots_mys_quote_venue_dba74529" ON "pots_mys_quote" ("venue");
CREATE INDEX "pots_mys_quote_customer_id_67b97178" ON "pots_mys_quote" ("customer_id");
COMMIT;
