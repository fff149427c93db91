from django.db import connection as default_connection
from django.db import models

# A different length per vendor, so the DDL shows which connection was read.
TYPES = {"postgresql": "varchar(101)", "mysql": "varchar(102)", "sqlite": "varchar(103)", "oracle": "NVARCHAR2(104)"}


class DefaultVendorField(models.Field):
    def db_type(self, connection):
        # The mistake on purpose: the default alias, whatever ``connection`` is.
        return TYPES.get(default_connection.vendor, "varchar(105)")
