using Velostream.Engine.Sql.Functions;
using Velostream.Engine.Sql.Types;

namespace Velostream.Tests.Sql.Functions;

public sealed class FunctionCatalogTests
{
    [Fact]
    public void Catalog_holds_exactly_the_dialects_functions_with_their_kinds()
    {
        string[] aggregates = ["COUNT", "COUNT_DISTINCT", "SUM", "AVG", "MIN", "MAX", "FIRST_VALUE", "LAST_VALUE", "STDDEV", "STDDEV_SAMP", "STDDEV_POP", "VARIANCE", "MEDIAN", "LISTAGG", "STRING_AGG", "PERCENTILE_CONT", "CORR"];
        string[] scalars = ["ABS", "ROUND", "CEIL", "FLOOR", "SQRT", "POWER", "MOD", "LEAST", "GREATEST", "UPPER", "LOWER", "SUBSTRING", "REPLACE", "TRIM", "LENGTH", "CONCAT", "SPLIT_PART", "COALESCE", "NULLIF", "NOW", "EXTRACT", "TUMBLE_START", "TUMBLE_END",
            "CURRENT_TIMESTAMP", "CURRENT_DATE", "TIMESTAMP", "DATE_FORMAT", "UNIX_TIMESTAMP", "FROM_UNIXTIME", "YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND", "DATE_TRUNC", "DATEDIFF",
            "POSITION", "LPAD", "RPAD", "LTRIM", "RTRIM", "LEFT", "RIGHT", "REGEXP", "REGEXP_REPLACE", "JSON_VALUE", "JSON_EXISTS", "JSON_QUERY",
            "HEADER", "HAS_HEADER", "HEADER_KEYS", "SET_HEADER"];
        string[] rows = ["LAG", "LEAD", "ROW_NUMBER", "RANK", "DENSE_RANK", "PERCENT_RANK"];

        Assert.Equal(aggregates.Order(), FunctionCatalog.All.Where(f => f.Kind == FunctionKind.Aggregate).Select(f => f.Name).Order());
        Assert.Equal(scalars.Order(), FunctionCatalog.All.Where(f => f.Kind == FunctionKind.Scalar).Select(f => f.Name).Order());
        Assert.Equal(rows.Order(), FunctionCatalog.All.Where(f => f.Kind == FunctionKind.WindowRow).Select(f => f.Name).Order());
    }

    [Theory]
    [InlineData("SUM", SqlTypeKind.Decimal, SqlTypeKind.Decimal)]
    [InlineData("SUM", SqlTypeKind.BigInt, SqlTypeKind.BigInt)]
    [InlineData("AVG", SqlTypeKind.Decimal, SqlTypeKind.Decimal)]
    [InlineData("AVG", SqlTypeKind.BigInt, SqlTypeKind.Double)]
    [InlineData("MIN", SqlTypeKind.Varchar, SqlTypeKind.Varchar)]
    [InlineData("COUNT", SqlTypeKind.Varchar, SqlTypeKind.BigInt)]
    [InlineData("STDDEV", SqlTypeKind.Decimal, SqlTypeKind.Double)]
    [InlineData("LENGTH", SqlTypeKind.Varchar, SqlTypeKind.BigInt)]
    [InlineData("UPPER", SqlTypeKind.Varchar, SqlTypeKind.Varchar)]
    [InlineData("ROUND", SqlTypeKind.Decimal, SqlTypeKind.Decimal)]
    [InlineData("SQRT", SqlTypeKind.BigInt, SqlTypeKind.Double)]
    [InlineData("SUM", SqlTypeKind.Unknown, SqlTypeKind.Unknown)]
    internal void Result_type_follows_the_argument_type(string name, SqlTypeKind argument, SqlTypeKind result)
    {
        var signature = FunctionCatalog.Find(name)!;

        Assert.Equal(result, signature.ResultType([new SqlType(argument)]).Kind);
    }

    [Theory]
    [InlineData("SUMM", "SUM")]
    [InlineData("stdev", "STDDEV")]
    [InlineData("COALESE", "COALESCE")]
    [InlineData("TUMBLESTART", "TUMBLE_START")]
    [InlineData("XYZZY", null)]
    public void Unknown_names_get_the_nearest_catalog_name_when_it_is_a_likely_typo(string name, string? suggestion)
    {
        Assert.Equal(suggestion, FunctionCatalog.Suggest(name));
    }

    [Fact]
    public void Lookup_ignores_case()
    {
        Assert.Equal("AVG", FunctionCatalog.Find("avg")!.Name);
    }
}
