using System.Globalization;

namespace Velostream.Engine.Demo.Tail;

internal enum TailFormat
{
    Table,
    Json,
}

/// <summary>Options of the <c>tail</c> verb.</summary>
internal sealed record TailOptions
{
    public required IReadOnlyList<string> Topics { get; init; }

    /// <summary>Consumer group; by default a fresh one, so every tail sees every record.</summary>
    public string? Group { get; init; }

    public bool FromBeginning { get; init; }

    public TailFormat Format { get; init; } = TailFormat.Table;

    /// <summary>Stop after this many records; 0 runs until stopped.</summary>
    public long Count { get; init; }

    public string? BootstrapServers { get; init; }

    public const string Usage =
        "usage: tail <topic>... [--group <id>] [--from-beginning] [--format table|json] [--count <n>] [--bootstrap-servers <host:port>]\n" +
        "  --group <id>              consumer group (default a fresh group per run)\n" +
        "  --from-beginning          read each topic from its start (default: only new records)\n" +
        "  --format table|json       a table or JSON lines (default table)\n" +
        "  --count <n>               stop after n records (default 0: until stopped)\n" +
        "  --bootstrap-servers <h:p> Kafka to read from (default ConnectionStrings__kafka)";

    public static TailOptions? Parse(string[] args, List<string> errors)
    {
        var topics = new List<string>();
        string? group = null, bootstrap = null;
        var fromBeginning = false;
        var format = TailFormat.Table;
        long count = 0;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                topics.Add(arg);
                continue;
            }
            if (arg == "--from-beginning")
            {
                fromBeginning = true;
                continue;
            }
            if (i + 1 >= args.Length)
            {
                errors.Add($"option '{arg}' needs a value");
                break;
            }
            var value = args[++i];
            switch (arg)
            {
                case "--group":
                    group = value;
                    break;
                case "--bootstrap-servers":
                    bootstrap = value;
                    break;
                case "--format" when value is "table" or "json":
                    format = value == "json" ? TailFormat.Json : TailFormat.Table;
                    break;
                case "--format":
                    errors.Add($"--format: expected table or json, got '{value}'");
                    break;
                case "--count" when long.TryParse(value, CultureInfo.InvariantCulture, out count) && count >= 0:
                    break;
                case "--count":
                    errors.Add($"--count: invalid value '{value}'");
                    break;
                default:
                    errors.Add($"unknown option '{arg}'");
                    break;
            }
        }
        if (topics.Count == 0)
        {
            errors.Add("name at least one topic");
        }
        return errors.Count == 0
            ? new TailOptions { Topics = topics, Group = group, FromBeginning = fromBeginning, Format = format, Count = count, BootstrapServers = bootstrap }
            : null;
    }
}
