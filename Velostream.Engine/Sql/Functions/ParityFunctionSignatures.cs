using Velostream.Engine.Sql.Types;
using static Velostream.Engine.Sql.Functions.ArgumentConstraint;
using static Velostream.Engine.Sql.Functions.FunctionKind;

namespace Velostream.Engine.Sql.Functions;

/// <summary>
/// The catalog entries for the functions Velostream's applications and documentation use beyond
/// the core set (dates, text search, regular expressions, JSON, Kafka headers, and the LISTAGG,
/// STRING_AGG, PERCENTILE_CONT and CORR aggregates). <see cref="FunctionCatalog"/> lists them with the rest.
/// </summary>
internal static class ParityFunctionSignatures
{
    private static readonly Func<IReadOnlyList<SqlType>, SqlType> BigInt = _ => SqlType.BigInt;
    private static readonly Func<IReadOnlyList<SqlType>, SqlType> Double = _ => SqlType.Double;
    private static readonly Func<IReadOnlyList<SqlType>, SqlType> Varchar = _ => SqlType.Varchar;
    private static readonly Func<IReadOnlyList<SqlType>, SqlType> Boolean = _ => SqlType.Boolean;
    private static readonly Func<IReadOnlyList<SqlType>, SqlType> Timestamp = _ => SqlType.Timestamp;
    private static readonly Func<IReadOnlyList<SqlType>, SqlType> Unknown = _ => SqlType.Unknown;

    public static readonly IReadOnlyList<FunctionSignature> All =
    [
        // Aggregates
        new("LISTAGG", Aggregate, 1, 2, [Any, Text], Varchar, "LISTAGG(trader_id, ';')", "non-NULL values as text in arrival order, joined by the delimiter (default ',')"),
        new("STRING_AGG", Aggregate, 1, 2, [Any, Text], Varchar, "STRING_AGG(venue, ', ')", "the same as LISTAGG"),
        new("PERCENTILE_CONT", Aggregate, 2, 2, [Numeric, Numeric], Double, "PERCENTILE_CONT(0.95) WITHIN GROUP (ORDER BY latency_ms)", "p-quantile, interpolated (also written PERCENTILE_CONT(latency_ms, 0.95))"),
        new("CORR", Aggregate, 2, 2, [Numeric, Numeric], Double, "CORR(price, volume)", "Pearson correlation of the non-NULL pairs"),

        // Time
        new("CURRENT_TIMESTAMP", Scalar, 0, 0, [], Timestamp, "CURRENT_TIMESTAMP", "current processing time (same as NOW())"),
        new("CURRENT_DATE", Scalar, 0, 0, [], Timestamp, "DATEDIFF('days', birth_date, CURRENT_DATE)", "start (00:00 UTC) of the current processing day"),
        new("TIMESTAMP", Scalar, 0, 1, [Any], Timestamp, "TIMESTAMP(trade_time)", "a value as TIMESTAMP (epoch ms or ISO-8601 text); TIMESTAMP() is the record's timestamp"),
        new("DATE_FORMAT", Scalar, 2, 2, [Any, Text], Varchar, "DATE_FORMAT(_event_time, '%Y-%m-%d %H:%M')", "timestamp as text, strftime specifiers"),
        new("UNIX_TIMESTAMP", Scalar, 0, 1, [Any], BigInt, "UNIX_TIMESTAMP(_event_time)", "epoch seconds of a timestamp (of now without argument)"),
        new("FROM_UNIXTIME", Scalar, 1, 1, [Numeric], Timestamp, "FROM_UNIXTIME(epoch_seconds)", "timestamp of epoch seconds"),
        new("YEAR", Scalar, 1, 1, [Any], BigInt, "YEAR(_event_time)", "EXTRACT(YEAR FROM x)"),
        new("MONTH", Scalar, 1, 1, [Any], BigInt, "MONTH(_event_time)", "EXTRACT(MONTH FROM x)"),
        new("DAY", Scalar, 1, 1, [Any], BigInt, "DAY(_event_time)", "EXTRACT(DAY FROM x)"),
        new("HOUR", Scalar, 1, 1, [Any], BigInt, "HOUR(_event_time)", "EXTRACT(HOUR FROM x)"),
        new("MINUTE", Scalar, 1, 1, [Any], BigInt, "MINUTE(_event_time)", "EXTRACT(MINUTE FROM x)"),
        new("SECOND", Scalar, 1, 1, [Any], BigInt, "SECOND(_event_time)", "EXTRACT(SECOND FROM x)"),
        new("DATE_TRUNC", Scalar, 2, 2, [Text, Any], Timestamp, "DATE_TRUNC('day', timestamp)", "timestamp rounded down to the unit"),
        new("DATEDIFF", Scalar, 3, 3, [Text, Any, Any], BigInt, "DATEDIFF('days', opened, closed)", "whole units from the second to the third argument"),

        // Strings
        new("POSITION", Scalar, 2, 3, [Text, Text, Numeric], BigInt, "POSITION('@' IN email)", "1-based position of a substring, 0 when absent"),
        new("LPAD", Scalar, 2, 3, [Text, Numeric, Text], Varchar, "LPAD(account, 8, '0')", "padded on the left to a length (or cut to it)"),
        new("RPAD", Scalar, 2, 3, [Text, Numeric, Text], Varchar, "RPAD(symbol, 6)", "padded on the right to a length (or cut to it)"),
        new("LTRIM", Scalar, 1, 1, [Text], Varchar, "LTRIM(name)", "leading white space removed"),
        new("RTRIM", Scalar, 1, 1, [Text], Varchar, "RTRIM(name)", "trailing white space removed"),
        new("LEFT", Scalar, 2, 2, [Text, Numeric], Varchar, "LEFT(symbol, 2)", "the first n characters"),
        new("RIGHT", Scalar, 2, 2, [Text, Numeric], Varchar, "RIGHT(account, 4)", "the last n characters"),
        new("REGEXP", Scalar, 2, 2, [Text, Text], Boolean, "symbol ~ '^[A-Z]+$'", "whether a regular expression matches (also the ~ and !~ operators)"),
        new("REGEXP_REPLACE", Scalar, 3, 4, [Text, Text, Text, Text], Varchar, "REGEXP_REPLACE(note, '[0-9]+', '#', 'g')", "first match replaced (every match with flag g; i ignores case)"),

        // JSON
        new("JSON_VALUE", Scalar, 2, 2, [Text, Text], Unknown, "JSON_VALUE(payload, '$.user.id')", "scalar at a path, NULL when absent"),
        new("JSON_EXISTS", Scalar, 2, 2, [Text, Text], Boolean, "JSON_EXISTS(payload, '$.user')", "whether a path exists"),
        new("JSON_QUERY", Scalar, 2, 2, [Text, Text], Varchar, "JSON_QUERY(payload, '$.items')", "object or array at a path, as JSON"),

        // Kafka headers
        new("HEADER", Scalar, 1, 1, [Text], Varchar, "HEADER('source')", "the input record's header value as text, NULL when absent"),
        new("HAS_HEADER", Scalar, 1, 1, [Text], Boolean, "HAS_HEADER('traceparent')", "whether the input record has the header"),
        new("HEADER_KEYS", Scalar, 0, 0, [], Varchar, "HEADER_KEYS()", "the input record's header names, comma-separated"),
        new("SET_HEADER", Scalar, 2, 2, [Text, Any], Varchar, "SET_HEADER('region', region)", "sets the output record's header; returns the value"),
    ];
}
