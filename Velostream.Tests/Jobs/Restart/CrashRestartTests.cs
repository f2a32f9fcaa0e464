using System.Text.Json;

namespace Velostream.Tests.Jobs.Restart;

/// <summary>
/// kill -9 of a job reading and writing Kafka, at seeded random points while its input arrives, then a
/// restart each time: with state in changelog topics, the final value per key is the one an
/// uninterrupted run gives (an output may be written again, never wrong or missing). One class per
/// scenario so that xUnit runs them side by side (each costs 20–40 s, mostly engine start-ups).
/// </summary>
internal static class CrashRestartInput
{
    // 2026-01-05T09:30:00Z
    public const long T0 = 1767605400000;

    /// <summary>Windows at or after this come from the closing records only (the uninterrupted run closes them at its end, a stream never does).</summary>
    public const long ClosingMs = 3_600_000;

    public static readonly string[] Symbols = ["AAPL", "MSFT", "NVDA", "TSLA", "AMZN", "GOOG", "META", "NFLX"];

    /// <summary>
    /// Trades keyed by symbol, 5 ms of event time apart (a pause of <paramref name="pauseMs"/> every 500
    /// records, for sessions), then one record per symbol an hour later that closes every earlier window.
    /// </summary>
    public static List<InputRecord> Trades(int count, int seed, string source = "md", long pauseMs = 0)
    {
        var random = new Random(seed);
        var records = new List<InputRecord>();
        var t = T0;
        for (var i = 0; i < count; i++)
        {
            t += 5 + (i > 0 && i % 500 == 0 ? pauseMs : 0);
            var symbol = Symbols[random.Next(Symbols.Length)];
            records.Add(Trade(source, symbol, t, random.Next(1, 1000), $"{random.Next(100, 900)}.{random.Next(0, 100):00}"));
        }
        foreach (var symbol in Symbols)
        {
            records.Add(Trade(source, symbol, T0 + ClosingMs, 0, "1.00"));
        }
        return records;
    }

    private static InputRecord Trade(string source, string symbol, long t, int volume, string price) =>
        new(source, symbol, $$"""{"symbol":"{{symbol}}","price":{{price}},"volume":{{volume}},"ts":{{t}}}""", t);

    /// <summary>Whether a window output row is one of the closing records' windows.</summary>
    public static bool IsClosingWindow(string json)
    {
        using var document = JsonDocument.Parse(json);
        return DateTimeOffset.Parse(document.RootElement.GetProperty("ws").GetString()!).ToUnixTimeMilliseconds() >= T0 + ClosingMs - 60_000;
    }

    /// <summary>
    /// Runs <paramref name="query"/> with kills over trades and checks that every window (or group) has, as
    /// every value written for it, exactly the uninterrupted run's value; <paramref name="changes"/> allows
    /// earlier values of a group (EMIT CHANGES) and checks the last one only.
    /// </summary>
    public static Task AssertFinalValuesSurviveKills(string query, List<InputRecord> input, int seed, bool changes, params string[] groupFields) =>
        // The trades are keyed by symbol, the GROUP BY key, and say so: the job reads them directly.
        AssertFinalValues(new CrashRestartScenario(query, "md") { KeyField = "symbol" }, input, seed, changes, groupFields);

    /// <summary>
    /// As <see cref="AssertFinalValuesSurviveKills"/>, over trades keyed by their own id (not the GROUP BY
    /// key) and declaring no key field: the job aggregates through its repartition topic, whose first stage
    /// writes again after a kill what it had not committed.
    /// </summary>
    public static Task AssertFinalValuesSurviveKillsRepartitioned(string query, List<InputRecord> input, int seed, bool changes, params string[] groupFields) =>
        AssertFinalValues(new CrashRestartScenario(query, "md"), [.. input.Select((r, i) => r with { Key = $"trade-{i}" })], seed, changes, groupFields);

    /// <summary>
    /// As <see cref="AssertFinalValuesSurviveKillsRepartitioned"/>, with the input's partitions skewed: trades
    /// go round-robin to the partitions, and those of the last partition are written <paramref name="lagMs"/>
    /// of event time behind the others, so that partition lags (as one does when the first stage catches up
    /// unevenly after a restart). The uninterrupted run reads them in event-time order.
    /// </summary>
    public static Task AssertFinalValuesSurviveKillsRepartitionedWithSkew(string query, List<InputRecord> input, int seed, long lagMs, params string[] groupFields)
    {
        const int lagging = CrashRestartScenario.Partitions - 1;
        var placed = input.Select((r, i) => r with { Key = $"trade-{i}", Partition = i % CrashRestartScenario.Partitions }).ToList();
        var produced = placed.OrderBy(r => r.TimestampMs + (r.Partition == lagging ? lagMs : 0)).ToList();
        // Two consumer groups (the input's, the repartition topic's) rebalance after each kill: each process
        // lives long enough to get past that and write windows before it is killed, and the input comes
        // slowly enough (about 27 s) that every kill falls while it does.
        return AssertFinalValues(new CrashRestartScenario(query, "md") { LifeMs = (4000, 8000) }, placed, seed, changes: false, groupFields, produced, perSecond: 750);
    }

    private static async Task AssertFinalValues(
        CrashRestartScenario owned, List<InputRecord> input, int seed, bool changes, string[] groupFields, List<InputRecord>? produced = null, int perSecond = 1500)
    {
        using var scenario = owned;
        var expected = Expected(scenario, input, changes, groupFields);
        Assert.True(expected.Count >= 8, $"the scenario needs groups to check, got {expected.Count}");

        var outputs = await scenario.RunWithKills(produced ?? input, perSecond, kills: 5, seed, written =>
        {
            var last = CrashRestartScenario.LastPerGroup(written.Select(w => w.Value).Where(v => changes || !IsClosingWindow(v)), groupFields);
            return expected.All(e => last.TryGetValue(e.Key, out var v) && v == e.Value);
        });

        var checkedOutputs = outputs.Where(o => changes || !IsClosingWindow(o.Value)).ToList();
        var values = checkedOutputs.Select(o => o.Value).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join(Environment.NewLine, scenario.Log));
        TestContext.Current.TestOutputHelper?.WriteLine($"{values.Count} outputs for {expected.Count} groups");
        var wrong = WrongGroups(expected, values, changes, groupFields);
        if (wrong.Count > 0)
        {
            var held = scenario.HeldInput(input);
            if (held.Count < input.Count)
            {
                // Input the embedded broker lost is not the engine's loss: compare with the answer to what the topics hold.
                expected = Expected(scenario, [.. held.Select(h => h.Record)], changes, groupFields);
                wrong = WrongGroups(expected, values, changes, groupFields);
            }
        }
        Assert.True(wrong.Count == 0, Report(seed, wrong, expected, checkedOutputs, groupFields, scenario.Log));
    }

    private static Dictionary<string, string> Expected(CrashRestartScenario scenario, List<InputRecord> input, bool changes, string[] groupFields) =>
        CrashRestartScenario.LastPerGroup(scenario.Uninterrupted(input).Where(r => changes || !IsClosingWindow(r)), groupFields);

    /// <summary>
    /// The groups whose last value is not the uninterrupted one (or is missing, or was not expected), and
    /// without <paramref name="changes"/> also those written once with any other value: a final value
    /// may be written twice (the commit after it was lost), but never differently.
    /// </summary>
    private static List<string> WrongGroups(Dictionary<string, string> expected, List<string> values, bool changes, string[] groupFields)
    {
        var last = CrashRestartScenario.LastPerGroup(values, groupFields);
        var wrong = expected.Keys.Union(last.Keys).Where(g => expected.GetValueOrDefault(g) != last.GetValueOrDefault(g));
        if (!changes)
        {
            wrong = wrong.Union(CrashRestartScenario.DistinctPerGroup(values, groupFields).Where(g => g.Value.Count > 1).Select(g => g.Key));
        }
        return [.. wrong.Order()];
    }

    /// <summary>What the next look at a failure needs: the seed, each wrong group's expected and last value, and every value written for it, where and when it was read.</summary>
    private static string Report(int seed, List<string> wrong, Dictionary<string, string> expected, List<OutputRead> outputs, string[] groupFields, List<string> log)
    {
        var report = new System.Text.StringBuilder($"kill seed {seed}: {wrong.Count} of {expected.Count} groups differ from the uninterrupted run");
        foreach (var group in wrong.Take(10))
        {
            var written = outputs.Where(o => CrashRestartScenario.Group(o.Value, groupFields) == group).ToList();
            report.Append($"\ngroup {group}: expected {expected.GetValueOrDefault(group) ?? "none"}, last written {(written.Count > 0 ? written[^1].Value : "none")}; {written.Count} written");
            foreach (var output in written.TakeLast(30))
            {
                report.Append($"\n  {output}");
            }
        }
        report.Append("\nscenario log:\n").AppendJoin('\n', log);
        return report.ToString();
    }
}

public sealed class GlobalAggregateCrashRestartTests
{
    [Fact]
    public async Task Emit_changes_aggregate_ends_on_the_uninterrupted_counts_and_sums_after_kills()
    {
        await CrashRestartInput.AssertFinalValuesSurviveKills(
            "SELECT symbol PRIMARY KEY, COUNT(*) AS n, SUM(volume) AS vol, MAX(price) AS high FROM md GROUP BY symbol EMIT CHANGES",
            CrashRestartInput.Trades(20_000, seed: 11), seed: 101, changes: true, "symbol");
    }
}

public sealed class RepartitionedGlobalAggregateCrashRestartTests
{
    [Fact]
    public async Task Emit_changes_aggregate_through_the_repartition_topic_ends_on_the_uninterrupted_counts_after_kills()
    {
        await CrashRestartInput.AssertFinalValuesSurviveKillsRepartitioned(
            "SELECT symbol PRIMARY KEY, COUNT(*) AS n, SUM(volume) AS vol FROM md GROUP BY symbol EMIT CHANGES",
            CrashRestartInput.Trades(20_000, seed: 21), seed: 201, changes: true, "symbol");
    }
}

public sealed class RepartitionedTumblingCrashRestartTests
{
    [Fact]
    public async Task Tumbling_emit_final_windows_through_the_repartition_topic_with_a_lagging_partition_are_the_uninterrupted_ones_after_kills()
    {
        await CrashRestartInput.AssertFinalValuesSurviveKillsRepartitionedWithSkew(
            "SELECT symbol, COUNT(*) AS n, SUM(volume) AS vol, _window_start AS ws FROM md GROUP BY symbol WINDOW TUMBLING(ts, 1s) EMIT FINAL",
            CrashRestartInput.Trades(20_000, seed: 16), seed: 106, lagMs: 3_000, "symbol", "ws");
    }
}

public sealed class RepartitionedSlidingCrashRestartTests
{
    [Fact]
    public async Task Sliding_emit_final_windows_through_the_repartition_topic_with_a_lagging_partition_are_the_uninterrupted_ones_after_kills()
    {
        await CrashRestartInput.AssertFinalValuesSurviveKillsRepartitionedWithSkew(
            "SELECT symbol, COUNT(*) AS n, MIN(price) AS low, _window_start AS ws FROM md GROUP BY symbol WINDOW SLIDING(ts, 4s, 2s) EMIT FINAL",
            CrashRestartInput.Trades(20_000, seed: 17), seed: 107, lagMs: 3_000, "symbol", "ws");
    }
}

public sealed class RepartitionedSessionCrashRestartTests
{
    [Fact]
    public async Task Session_windows_through_the_repartition_topic_with_a_lagging_partition_are_the_uninterrupted_ones_after_kills()
    {
        // Aggregates that do not depend on arrival order: FIRST_VALUE and LAST_VALUE do, and the lagging
        // partition's records arrive after later ones of the others.
        await CrashRestartInput.AssertFinalValuesSurviveKillsRepartitionedWithSkew(
            "SELECT symbol, COUNT(*) AS n, SUM(volume) AS vol, MIN(price) AS low, MAX(price) AS high, _window_start AS ws FROM md GROUP BY symbol WINDOW SESSION(ts, 1s) EMIT FINAL",
            CrashRestartInput.Trades(20_000, seed: 18, pauseMs: 3_000), seed: 108, lagMs: 3_000, "symbol", "ws");
    }
}

public sealed class TumblingCrashRestartTests
{
    [Fact]
    public async Task Tumbling_emit_final_windows_are_the_uninterrupted_ones_after_kills()
    {
        await CrashRestartInput.AssertFinalValuesSurviveKills(
            "SELECT symbol, COUNT(*) AS n, SUM(volume) AS vol, AVG(price) AS mean, _window_start AS ws FROM md GROUP BY symbol WINDOW TUMBLING(ts, 1s) EMIT FINAL",
            CrashRestartInput.Trades(20_000, seed: 12), seed: 102, changes: false, "symbol", "ws");
    }
}

public sealed class SlidingCrashRestartTests
{
    [Fact]
    public async Task Sliding_emit_final_windows_are_the_uninterrupted_ones_after_kills()
    {
        await CrashRestartInput.AssertFinalValuesSurviveKills(
            "SELECT symbol, COUNT(*) AS n, MIN(price) AS low, _window_start AS ws FROM md GROUP BY symbol WINDOW SLIDING(ts, 4s, 2s) EMIT FINAL",
            CrashRestartInput.Trades(20_000, seed: 13), seed: 103, changes: false, "symbol", "ws");
    }
}

public sealed class SessionCrashRestartTests
{
    [Fact]
    public async Task Session_windows_are_the_uninterrupted_ones_after_kills()
    {
        await CrashRestartInput.AssertFinalValuesSurviveKills(
            "SELECT symbol, COUNT(*) AS n, FIRST_VALUE(price) AS open, LAST_VALUE(price) AS close, _window_start AS ws FROM md GROUP BY symbol WINDOW SESSION(ts, 1s) EMIT FINAL",
            CrashRestartInput.Trades(20_000, seed: 14, pauseMs: 3_000), seed: 104, changes: false, "symbol", "ws");
    }
}

public sealed class IntervalJoinCrashRestartTests
{
    [Fact]
    public async Task Interval_join_writes_every_uninterrupted_match_and_nothing_else_after_kills()
    {
        var random = new Random(15);
        var input = new List<InputRecord>();
        for (var i = 0; i < 10_000; i++)
        {
            var t = CrashRestartInput.T0 + i * 5L;
            var id = $"o{i}";
            input.Add(new("orders", id, $$"""{"id":"{{id}}","qty":{{random.Next(1, 100)}},"ts":{{t}}}""", t));
            var fill = t + random.Next(0, 1500);
            input.Add(new("fills", id, $$"""{"id":"{{id}}","price":{{random.Next(1, 500)}}.25,"ts":{{fill}}}""", fill));
        }
        input = [.. input.OrderBy(r => r.TimestampMs)];
        using var scenario = new CrashRestartScenario(
            "SELECT o.id, o.qty, f.price FROM orders o JOIN fills f ON o.id = f.id AND f.ts BETWEEN o.ts AND o.ts + INTERVAL '1' SECOND", "orders", "fills");
        var expected = scenario.Uninterrupted(input).ToHashSet();
        Assert.InRange(expected.Count, 5_000, 8_000);

        var outputs = await scenario.RunWithKills(input, perSecond: 1500, kills: 5, seed: 105,
            written => expected.IsSubsetOf(written.Select(w => w.Value)));

        var held = scenario.HeldInput(input);
        if (held.Count < input.Count)
        {
            expected = scenario.Uninterrupted([.. held.Select(h => h.Record)]).ToHashSet();
        }
        var values = outputs.Select(o => o.Value).ToHashSet();
        foreach (var missing in expected.Except(values).Take(20))
        {
            // Where the two inputs of a missing match are (both are keyed by the order id).
            var id = System.Text.Json.JsonDocument.Parse(missing).RootElement.GetProperty("id").GetString();
            scenario.Log.Add($"missing {missing}: {string.Join(", ", held.Where(h => h.Record.Key == id).Select(h => $"{h.Record.Source} [{h.Partition}] @{h.Offset}"))}");
        }
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join(Environment.NewLine, scenario.Log));
        Assert.Equal(expected.Order(), values.Order());
    }
}
