using System.Text.RegularExpressions;
using Confluent.Kafka;

namespace Velostream.Engine.Connectors.Kafka;

/// <summary>
/// Where the Kafka clients' own messages (librdkafka's logs and errors) go: one line on standard error per
/// distinct message, repeats within <see cref="Window"/> counted instead of printed. Left to itself
/// librdkafka prints raw <c>%3|…</c> lines, dozens a second for as long as a broker is unreachable.
/// </summary>
internal sealed partial class KafkaClientLog(TextWriter writer, TimeProvider time)
{
    private const int MaxRemembered = 1_000;

    private readonly Dictionary<string, (DateTimeOffset Until, int Repeats)> _recent = new(StringComparer.Ordinal);

    public static KafkaClientLog Default { get; } = new(Console.Error, TimeProvider.System);

    /// <summary>How long a message is not printed again after it was.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>A librdkafka log line: warnings and worse are shown, the rest only with the client's <c>debug</c> setting.</summary>
    public void Log(LogMessage message)
    {
        if (message.Level <= SyslogLevel.Warning || message.Level == SyslogLevel.Debug)
        {
            var text = message.Message;
            if (text.StartsWith("[thrd:", StringComparison.Ordinal) && text.IndexOf("]: ", StringComparison.Ordinal) is > 0 and var end)
            {
                // Which librdkafka thread logged it says nothing to a user.
                text = text[(end + 3)..];
            }
            Write(message.Name, message.Level <= SyslogLevel.Error ? "error" : message.Level == SyslogLevel.Warning ? "warning" : "debug", text);
        }
    }

    /// <summary>An error the client reports (it keeps retrying unless the error is fatal).</summary>
    public void Error(string client, Error error) =>
        Write(client, error.IsFatal ? "fatal error" : "error", error.Reason);

    public void Write(string client, string level, string message)
    {
        // Retries differ only in their numbers ("after 51ms", "1/3 brokers"), and so do the names of clients
        // created one after another for the same work ("rdkafka#producer-7"): those count as repeats.
        var key = Numbers().Replace($"{client}|{level}|{message}", "#");
        var now = time.GetUtcNow();
        int repeats;
        lock (_recent)
        {
            if (_recent.TryGetValue(key, out var entry) && now < entry.Until)
            {
                _recent[key] = (entry.Until, entry.Repeats + 1);
                return;
            }
            repeats = entry.Repeats;
            if (_recent.Count >= MaxRemembered)
            {
                _recent.Clear();
            }
            _recent[key] = (now + Window, 0);
        }
        var again = repeats > 0 ? $" (and {repeats} more like it since it was last shown)" : "";
        writer.WriteLine($"kafka {level}: {client}: {message}{again}");
    }

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Numbers();
}
