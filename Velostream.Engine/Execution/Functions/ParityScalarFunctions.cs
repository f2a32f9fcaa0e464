namespace Velostream.Engine.Execution.Functions;

/// <summary>
/// The scalar functions Velostream's applications and documentation use beyond the core set:
/// dates, text search and padding, regular expressions, JSON and Kafka headers.
/// </summary>
internal static class ParityScalarFunctions
{
    public static readonly ScalarFunction[] All =
    [
        new("CURRENT_DATE", 0, 0, DateFunctions.CurrentDate, IsDeterministic: false),
        new("TIMESTAMP", 0, 1, DateFunctions.Timestamp, IsDeterministic: false),
        new("DATE_FORMAT", 2, 2, DateFunctions.DateFormat),
        new("UNIX_TIMESTAMP", 0, 1, DateFunctions.UnixTimestamp, IsDeterministic: false),
        new("FROM_UNIXTIME", 1, 1, DateFunctions.FromUnixTime),
        new("YEAR", 1, 1, DateFunctions.Field("YEAR")),
        new("MONTH", 1, 1, DateFunctions.Field("MONTH")),
        new("DAY", 1, 1, DateFunctions.Field("DAY")),
        new("HOUR", 1, 1, DateFunctions.Field("HOUR")),
        new("MINUTE", 1, 1, DateFunctions.Field("MINUTE")),
        new("SECOND", 1, 1, DateFunctions.Field("SECOND")),
        new("DATE_TRUNC", 2, 2, DateFunctions.DateTrunc),
        new("DATEDIFF", 3, 3, DateFunctions.DateDiff),
        new("POSITION", 2, 3, TextFunctions.Position),
        new("LPAD", 2, 3, TextFunctions.LeftPad),
        new("RPAD", 2, 3, TextFunctions.RightPad),
        new("LTRIM", 1, 1, TextFunctions.LeftTrim),
        new("RTRIM", 1, 1, TextFunctions.RightTrim),
        new("LEFT", 2, 2, TextFunctions.Left),
        new("RIGHT", 2, 2, TextFunctions.Right),
        new("REGEXP", 2, 2, TextFunctions.Regexp),
        new("REGEXP_REPLACE", 3, 4, TextFunctions.RegexpReplace),
        new("JSON_VALUE", 2, 2, JsonFunctions.Value),
        new("JSON_EXISTS", 2, 2, JsonFunctions.Exists),
        new("JSON_QUERY", 2, 2, JsonFunctions.Query),
        // Header functions read the record: never folded as constants.
        new("HEADER", 1, 1, HeaderFunctions.Header, IsDeterministic: false),
        new("HAS_HEADER", 1, 1, HeaderFunctions.HasHeader, IsDeterministic: false),
        new("HEADER_KEYS", 0, 0, HeaderFunctions.HeaderKeys, IsDeterministic: false),
        new("SET_HEADER", 2, 2, HeaderFunctions.SetHeader, IsDeterministic: false),
    ];
}
