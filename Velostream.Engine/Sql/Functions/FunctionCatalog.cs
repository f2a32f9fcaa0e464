using Velostream.Engine.Sql.Types;
using static Velostream.Engine.Sql.Functions.ArgumentConstraint;
using static Velostream.Engine.Sql.Functions.FunctionKind;

namespace Velostream.Engine.Sql.Functions;

/// <summary>
/// Every function of the dialect. Validation checks calls against it; the execution engine
/// implements each entry by name (a test keeps the two in step).
/// </summary>
internal static class FunctionCatalog
{
    private const int Many = FunctionSignature.Variadic;

    private static readonly Func<IReadOnlyList<SqlType>, SqlType> BigInt = _ => SqlType.BigInt;
    private static readonly Func<IReadOnlyList<SqlType>, SqlType> Double = _ => SqlType.Double;
    private static readonly Func<IReadOnlyList<SqlType>, SqlType> Varchar = _ => SqlType.Varchar;
    private static readonly Func<IReadOnlyList<SqlType>, SqlType> Timestamp = _ => SqlType.Timestamp;
    private static readonly Func<IReadOnlyList<SqlType>, SqlType> SameAsFirst = TypeRules.First;
    private static readonly Func<IReadOnlyList<SqlType>, SqlType> Common = args => TypeRules.Common(args);

    public static readonly IReadOnlyList<FunctionSignature> All =
    [
        // Aggregates
        new("COUNT", Aggregate, 0, 1, [Any], BigInt, "COUNT(*), COUNT(price), COUNT(DISTINCT symbol)", "rows, or non-null values, in the group"),
        new("COUNT_DISTINCT", Aggregate, 1, 1, [Any], BigInt, "COUNT_DISTINCT(symbol)", "distinct non-null values in the group"),
        new("SUM", Aggregate, 1, 1, [Numeric], TypeRules.Sum, "SUM(volume)", "sum; exact for BIGINT and DECIMAL"),
        new("AVG", Aggregate, 1, 1, [Numeric], TypeRules.Mean, "AVG(price)", "arithmetic mean"),
        new("MIN", Aggregate, 1, 1, [Any], SameAsFirst, "MIN(price)", "smallest value"),
        new("MAX", Aggregate, 1, 1, [Any], SameAsFirst, "MAX(price)", "largest value"),
        new("FIRST_VALUE", Aggregate, 1, 1, [Any], SameAsFirst, "FIRST_VALUE(price)", "value of the group's first record (arrival order)"),
        new("LAST_VALUE", Aggregate, 1, 1, [Any], SameAsFirst, "LAST_VALUE(price)", "value of the group's last record (arrival order)"),
        new("STDDEV", Aggregate, 1, 1, [Numeric], Double, "STDDEV(price)", "sample standard deviation (same as STDDEV_SAMP)"),
        new("STDDEV_SAMP", Aggregate, 1, 1, [Numeric], Double, "STDDEV_SAMP(price)", "sample standard deviation"),
        new("STDDEV_POP", Aggregate, 1, 1, [Numeric], Double, "STDDEV_POP(price)", "population standard deviation"),
        new("VARIANCE", Aggregate, 1, 1, [Numeric], Double, "VARIANCE(price)", "sample variance"),
        new("MEDIAN", Aggregate, 1, 1, [Numeric], TypeRules.Mean, "MEDIAN(price)", "middle value (mean of the two middle values for an even count)"),

        // Numeric
        new("ABS", Scalar, 1, 1, [Numeric], SameAsFirst, "ABS(change)", "absolute value"),
        new("ROUND", Scalar, 1, 2, [Numeric, Numeric], SameAsFirst, "ROUND(price, 2)", "round half away from zero to n decimal places (default 0)"),
        new("CEIL", Scalar, 1, 1, [Numeric], SameAsFirst, "CEIL(price)", "smallest integral value not below x"),
        new("FLOOR", Scalar, 1, 1, [Numeric], SameAsFirst, "FLOOR(price)", "largest integral value not above x"),
        new("SQRT", Scalar, 1, 1, [Numeric], Double, "SQRT(variance)", "square root"),
        new("POWER", Scalar, 2, 2, [Numeric, Numeric], Double, "POWER(x, 2)", "x raised to y"),
        new("MOD", Scalar, 2, 2, [Numeric, Numeric], args => TypeRules.WidenNumeric(args[0], args[1]), "MOD(volume, 100)", "remainder, like the % operator"),
        new("LEAST", Scalar, 1, Many, [Any], Common, "LEAST(bid, ask)", "smallest argument"),
        new("GREATEST", Scalar, 1, Many, [Any], Common, "GREATEST(bid, ask)", "largest argument"),

        // Strings
        new("UPPER", Scalar, 1, 1, [Text], Varchar, "UPPER(symbol)", "upper case"),
        new("LOWER", Scalar, 1, 1, [Text], Varchar, "LOWER(symbol)", "lower case"),
        new("SUBSTRING", Scalar, 2, 3, [Text, Numeric, Numeric], Varchar, "SUBSTRING(symbol, 1, 2)", "substring from a 1-based position, optionally of a length"),
        new("REPLACE", Scalar, 3, 3, [Text, Text, Text], Varchar, "REPLACE(venue, '_', ' ')", "replace every occurrence"),
        new("TRIM", Scalar, 1, 1, [Text], Varchar, "TRIM(name)", "strip leading and trailing whitespace"),
        new("LENGTH", Scalar, 1, 1, [Text], BigInt, "LENGTH(symbol)", "number of characters"),
        new("CONCAT", Scalar, 1, Many, [Any], Varchar, "CONCAT(symbol, '@', venue)", "concatenation; NULL arguments are skipped"),
        new("SPLIT_PART", Scalar, 3, 3, [Text, Text, Numeric], Varchar, "SPLIT_PART(pair, '/', 1)", "the n-th (1-based) field split by a delimiter"),

        // Conditional
        new("COALESCE", Scalar, 1, Many, [Any], Common, "COALESCE(bid, price, 0)", "first non-null argument"),
        new("NULLIF", Scalar, 2, 2, [Any, Any], SameAsFirst, "NULLIF(volume, 0)", "NULL when both arguments are equal, else the first"),

        // Time
        new("NOW", Scalar, 0, 0, [], Timestamp, "NOW()", "current processing time"),
        new("EXTRACT", Scalar, 2, 2, [Any, Any], BigInt, "EXTRACT(HOUR FROM _event_time)", "a field (YEAR MONTH DAY HOUR MINUTE SECOND MILLISECOND DOW DOY WEEK QUARTER EPOCH) of a timestamp"),
        new("TUMBLE_START", Scalar, 1, 2, [Any, Any], Timestamp, "TUMBLE_START(_event_time, INTERVAL '1' MINUTE)", "start of the current window"),
        new("TUMBLE_END", Scalar, 1, 2, [Any, Any], Timestamp, "TUMBLE_END(_event_time, INTERVAL '1' MINUTE)", "end (exclusive) of the current window"),

        // Row functions over ROWS WINDOW BUFFER
        new("LAG", WindowRow, 1, 3, [Any, Numeric, Any], SameAsFirst, "LAG(price, 1) OVER (PARTITION BY symbol ORDER BY _event_time)", "value from n rows earlier in the partition (default 1), else the default"),
        new("LEAD", WindowRow, 1, 3, [Any, Numeric, Any], SameAsFirst, "LEAD(price, 1) OVER (PARTITION BY symbol ORDER BY _event_time)", "value from n rows later in the partition (default 1), else the default"),
        new("ROW_NUMBER", WindowRow, 0, 0, [], BigInt, "ROW_NUMBER() OVER (PARTITION BY symbol ORDER BY _event_time)", "position of the row among its partition's buffered rows in the OVER order"),
        new("RANK", WindowRow, 0, 0, [], BigInt, "RANK() OVER (ROWS WINDOW BUFFER 100 ROWS PARTITION BY symbol ORDER BY price DESC)", "1 + buffered rows of the partition ordered before the row (ties share a rank, gaps follow)"),
        new("DENSE_RANK", WindowRow, 0, 0, [], BigInt, "DENSE_RANK() OVER (PARTITION BY symbol ORDER BY volume DESC)", "1 + distinct ORDER BY values of the buffered rows before the row (no gaps)"),
        new("PERCENT_RANK", WindowRow, 0, 0, [], Double, "PERCENT_RANK() OVER (ROWS WINDOW BUFFER 1000 ROWS PARTITION BY symbol ORDER BY price)", "(RANK - 1) / (buffered rows - 1), 0 for a single row"),
        .. ParityFunctionSignatures.All,
    ];

    /// <summary>Fields EXTRACT accepts.</summary>
    public static readonly IReadOnlyList<string> ExtractFields =
        ["YEAR", "QUARTER", "MONTH", "WEEK", "DAY", "DOW", "DOY", "HOUR", "MINUTE", "SECOND", "MILLISECOND", "MICROSECOND", "NANOSECOND", "EPOCH"];

    private static readonly Dictionary<string, FunctionSignature> ByName =
        All.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);

    public static FunctionSignature? Find(string name) => ByName.GetValueOrDefault(name);

    public static bool IsAggregate(string name) => Find(name)?.Kind == Aggregate;

    /// <summary>The catalog name closest to <paramref name="name"/> by edit distance, when close enough to be a likely typo.</summary>
    public static string? Suggest(string name) => NameSuggester.Nearest(name, ByName.Keys);
}
