using System.Text;
using Velostream.Engine.Sql.Syntax;

namespace Velostream.Tests.Fuzz;

/// <summary>
/// Seeded inputs for the fuzz suite: valid applications mutated token by token (deleted, duplicated,
/// swapped, replaced or followed by a hostile token, spans repeated, expressions nested deep), and
/// random bytes. The same seed gives the same inputs.
/// </summary>
internal sealed class ApplicationMutator(int seed)
{
    /// <summary>Valid applications the mutations start from (file and Kafka connectors, windows, joins, CASE).</summary>
    public static readonly string[] Seeds =
    [
        """
        -- @app: fuzz_files
        -- @name: candles
        CREATE STREAM candles AS
        SELECT symbol, MIN(price) AS low, MAX(price) AS high, COUNT(*) AS ticks, _window_start AS window_start
        FROM md
        GROUP BY symbol
        WINDOW TUMBLING(ts, INTERVAL '1' MINUTE)
        EMIT FINAL
        WITH ('md.type' = 'file_source', 'md.path' = 'ticks.jsonl',
              'candles.type' = 'file_sink', 'candles.path' = 'out/candles.jsonl',
              'watermark.max_out_of_orderness' = '5s');
        """,
        """
        -- @app: fuzz_kafka
        -- @name: alerts
        CREATE STREAM alerts AS
        SELECT symbol, price * 1.5 AS p, CASE WHEN price > 100 THEN 'high' ELSE 'low' END AS band
        FROM md WHERE price BETWEEN 10 AND 900 AND symbol IN ('A', 'B') OR symbol LIKE 'Z%'
        EMIT CHANGES
        WITH ('md.type' = 'kafka_source', 'md.topic.name' = 'fuzz_md', 'md.session.timeout.ms' = '1000',
              'alerts.type' = 'kafka_sink', 'alerts.topic.name' = 'fuzz_alerts', 'failure.strategy' = 'dead_letter');
        """,
        """
        -- @app: fuzz_join
        -- @name: enriched
        CREATE STREAM enriched AS
        SELECT p.trader_id, p.symbol, CAST(p.position AS DECIMAL(18, 2)) AS position, i.sector,
               COALESCE(i.name, 'unknown') AS name, LAG(p.position, 1) OVER (ROWS WINDOW BUFFER 10 ROWS PARTITION BY p.symbol) AS prev
        FROM positions p
        LEFT JOIN instruments i ON p.symbol = i.symbol
        WITH ('positions.type' = 'file_source', 'positions.path' = 'positions.jsonl',
              'instruments.type' = 'file_source', 'instruments.path' = 'instruments.csv', 'instruments.format' = 'csv',
              'enriched.type' = 'file_sink', 'enriched.path' = 'enriched.csv', 'enriched.format' = 'csv');
        SELECT symbol, SUM(volume) FROM md GROUP BY symbol HAVING SUM(volume) > 10 ORDER BY 2 DESC LIMIT 5
        WITH ('md.type' = 'file_source', 'md.path' = 'ticks.jsonl');
        """,
    ];

    /// <summary>Tokens that stress the front end and the server: deep nesting, huge numbers, host paths, control characters.</summary>
    private static readonly string[] Hostile =
    [
        new string('(', 400), new string(')', 400), "NOT NOT NOT NOT", "- - - -", "79228162514264337593543950336",
        "9223372036854775808", "1e400", "'/etc/passwd'", "'../../x'", "'${HOME}'", "'src.ssl.ca.location'", "\u001b[2J",
        "'" + new string('x', 5000) + "'", "\"q\"", "`b`", "/*", "--", "'", ";", ";;;", ",", ".", "*", "||", "=", "<>", "0.0000000000000000000000000000001",
        "CREATE", "STREAM", "TABLE", "SELECT", "FROM", "WHERE", "GROUP BY", "WINDOW", "SESSION(5s)", "SLIDING(1s, 2s)", "EMIT", "WITH", "JOIN",
        "OVER", "CASE", "WHEN", "END", "CAST", "AS", "INTERVAL", "NULL", "IN", "BETWEEN", "LIKE", "IS", "PRIMARY KEY", "@", "#", "\u0000", "\uFFFD", "é",
    ];

    private readonly Random _random = new(seed);

    /// <summary>The next input: a mutated seed three times in four, random bytes otherwise.</summary>
    public byte[] Next()
    {
        if (_random.Next(4) == 0)
        {
            var bytes = new byte[_random.Next(0, 4096)];
            _random.NextBytes(bytes);
            return bytes;
        }
        return Encoding.UTF8.GetBytes(Mutate(Seeds[_random.Next(Seeds.Length)]));
    }

    public string Mutate(string text)
    {
        for (var round = _random.Next(1, 4); round > 0; round--)
        {
            var tokens = Lexer.Tokenize(text, "fuzz.sql").Tokens;
            var token = tokens[_random.Next(tokens.Count)].Location;
            var start = token.Offset;
            var end = token.Offset + token.Length;
            text = _random.Next(7) switch
            {
                0 => text.Remove(start, end - start),
                1 => text.Insert(end, " " + text[start..end]),
                2 => text.Insert(start, Hostile[_random.Next(Hostile.Length)] + " "),
                3 => text[..start] + Hostile[_random.Next(Hostile.Length)] + text[end..],
                4 => Swap(text, tokens),
                5 => text.Insert(end, string.Concat(Enumerable.Repeat(" + " + text[start..end], _random.Next(1, 400)))),
                _ => text[..start] + new string('(', 300) + text[start..end] + new string(')', 300) + text[end..],
            };
        }
        return text;
    }

    private string Swap(string text, IReadOnlyList<Token> tokens)
    {
        if (tokens.Count < 3)
        {
            return text;
        }
        var i = _random.Next(tokens.Count - 2);
        var (a, b) = (tokens[i].Location, tokens[i + 1].Location);
        return text[..a.Offset] + text.Substring(b.Offset, b.Length) + text[(a.Offset + a.Length)..b.Offset]
            + text.Substring(a.Offset, a.Length) + text[(b.Offset + b.Length)..];
    }
}
