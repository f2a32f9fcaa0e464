namespace Velostream.Tests.Jobs.Restart;

/// <summary>
/// The scenario of issue 11 as a new user tried it: broker in one process, the job in another;
/// 6,000 records, kill -9 of the job, 6,000 more, restart. The job's last count for AAPL is the
/// number of AAPL records read (before the fix it restarted with empty state: 763 of 1,533).
/// </summary>
public sealed class WhyScenarioTests
{
    [Fact]
    public async Task After_kill_9_and_restart_each_symbols_count_is_the_number_of_its_records_read()
    {
        using var scenario = new CrashRestartScenario(
            "SELECT symbol PRIMARY KEY, COUNT(*) AS n, SUM(volume) AS vol FROM market_data GROUP BY symbol EMIT CHANGES", "market_data");
        var all = CrashRestartInput.Trades(12_000, seed: 42, source: "market_data").Where(r => r.TimestampMs < CrashRestartInput.T0 + CrashRestartInput.ClosingMs).ToList();
        var first = all[..6_000];
        scenario.Prepare();

        await scenario.ProduceAsync(first, perSecond: 100_000);
        var firstAapl = first.Count(r => r.Key == "AAPL");
        using (var engine = scenario.StartEngine())
        {
            // Killed once it has counted every AAPL record of the first 6,000 and committed them (it commits
            // every second): a restart resumes after them, so only restored state can still count them.
            await scenario.WaitFor(engine, outputs => Count(outputs, "AAPL") == firstAapl);
            Assert.Equal(firstAapl, Count(scenario.Outputs, "AAPL"));
            await Task.Delay(2_500, TestContext.Current.CancellationToken);
            engine.Kill();
        }
        await scenario.ProduceAsync(all[6_000..], perSecond: 100_000);
        var expected = all.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => (long)g.Count());
        using (var engine = scenario.StartEngine())
        {
            await scenario.WaitFor(engine, outputs => expected.All(e => Count(outputs, e.Key) == e.Value));
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"AAPL: {expected["AAPL"]} records read, last n = {Count(scenario.Outputs, "AAPL")}");
        Assert.Equal(expected.OrderBy(e => e.Key), expected.Keys.Order().Select(k => KeyValuePair.Create(k, Count(scenario.Outputs, k))));
    }

    /// <summary>The last <c>n</c> written for <paramref name="symbol"/> (-1 when none yet).</summary>
    private static long Count(List<(string Key, string Value)> outputs, string symbol)
    {
        for (var i = outputs.Count - 1; i >= 0; i--)
        {
            if (outputs[i].Key != symbol) continue;
            using var document = System.Text.Json.JsonDocument.Parse(outputs[i].Value);
            return document.RootElement.GetProperty("n").GetInt64();
        }
        return -1;
    }
}
