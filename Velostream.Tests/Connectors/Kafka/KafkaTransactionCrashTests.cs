using System.Diagnostics;
using System.Globalization;
using System.Text;
using Velostream.Engine.Connectors.Kafka;
using Velostream.Engine.Connectors.Kafka.Embedded;
using Velostream.Engine.Telemetry;
using Velostream.Tests.Support;
using Velostream.Tests.Viewer;
using static Velostream.Tests.Connectors.Kafka.KafkaTestTopics;

namespace Velostream.Tests.Connectors.Kafka;

/// <summary>
/// A transactional job as a real <c>run</c> process, killed with SIGKILL in the middle of a transaction
/// and started again under the same instance id. What the embedded broker can show: the killed
/// process's open transaction is never committed (no marker follows its records), and the restarted
/// process initialises transactions under the same transactional.id and commits its own. On a real
/// broker, that InitTransactions also writes the abort marker of the open transaction, so read_committed
/// consumers skip its records; the mock cluster writes none (docs/kafka.md).
/// </summary>
public sealed class KafkaTransactionCrashTests
{
    private const string App = """
        -- @app: crash
        CREATE STREAM expensive AS
        SELECT symbol, price FROM md WHERE price > 200
        EMIT CHANGES
        WITH ('md.type' = 'kafka_source', 'md.topic.name' = 'md',
              'md.session.timeout.ms' = '1000', 'md.heartbeat.interval.ms' = '200',
              'expensive.type' = 'kafka_sink', 'expensive.topic.name' = 'expensive',
              'use_transactions' = 'true');
        """;

    [Fact]
    public async Task A_job_killed_mid_transaction_leaves_it_uncommitted_and_its_restart_commits_under_the_same_transactional_id()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "SIGKILL and SIGSTOP are POSIX signals");
        var cancel = TestContext.Current.CancellationToken;
        using var cluster = EmbeddedKafkaCluster.Start();
        cluster.CreateTopic("md");
        cluster.CreateTopic("expensive");
        using var folder = new TempFolder();
        var app = folder.Write("crash.sql", App);
        using var stopFeed = new CancellationTokenSource();
        var feed = Task.Run(() => Feed(cluster, stopFeed.Token), cancel);

        long crashEnd;
        using (var first = Run(cluster, app, folder))
        {
            await WaitForCommittedOutput(cluster, first, cancel);
            // Frozen, the process cannot commit while the log is looked at: killed once its last records are
            // past the last marker (a transaction is open), else let go on for a moment and looked at again.
            crashEnd = await FreezeMidTransaction(cluster, first, cancel);
            Signal("KILL", first.Id);
            await first.WaitForExitAsync(cancel);
        }
        var (afterCrash, endAfterCrash) = ReadPartition(cluster, "expensive");
        Assert.Equal(crashEnd, endAfterCrash);
        Assert.Equal(crashEnd - 1, afterCrash[^1].Offset);

        using (var second = Run(cluster, app, folder))
        {
            await WaitForOutputBeyond(cluster, crashEnd + 1, second, cancel);
            await stopFeed.CancelAsync();
            await feed;
            Signal("TERM", second.Id);
            await second.WaitForExitAsync(cancel);
            Assert.True(second.ExitCode == 0, $"the restarted job exited {second.ExitCode}:{Environment.NewLine}{second.Tail()}");
        }
        var (records, end) = ReadPartition(cluster, "expensive");
        // The mock writes no abort marker when the restart initialises the same transactional.id: the
        // restarted process's first record directly follows the killed one's open transaction.
        Assert.Contains(records, r => r.Offset == crashEnd);
        // Everything the restarted job wrote was committed when it stopped: its last record is followed by a marker.
        Assert.True(end > records[^1].Offset + 1, $"the restarted job's last transaction has no marker (end {end}, last record {records[^1].Offset})");
    }

    private static ChildProcess Run(EmbeddedKafkaCluster cluster, string app, TempFolder folder) =>
        ChildProcess.Start("run", "dotnet", [Path.Combine(AppContext.BaseDirectory, "Velostream.Engine.dll"), "run", app],
            new Dictionary<string, string>
            {
                ["ConnectionStrings__kafka"] = cluster.BootstrapServers,
                [KafkaTransactions.InstanceIdKey.Replace(":", "__", StringComparison.Ordinal)] = "crash-test",
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "",
            }, folder.Path);

    /// <summary>Quotes at about 1,000 a second until stopped, every other one over 200.</summary>
    private static async Task Feed(EmbeddedKafkaCluster cluster, CancellationToken stop)
    {
        await using var sink = new KafkaSink("md", "md", new Dictionary<string, string> { ["bootstrap.servers"] = cluster.BootstrapServers }, "feed", VelostreamTelemetry.Default);
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var price = (i % 2 == 0 ? 300 : 100) + i % 50;
            sink.Write(Encoding.UTF8.GetBytes($"S{i % 8}"), Encoding.UTF8.GetBytes($$"""{"symbol":"S{{i % 8}}","price":{{price}}}"""), null, -1);
            if (i % 20 == 19)
            {
                await sink.FlushAsync(CancellationToken.None);
                await Task.Delay(20, CancellationToken.None);
            }
        }
        await sink.FlushAsync(CancellationToken.None);
    }

    private static async Task WaitForCommittedOutput(EmbeddedKafkaCluster cluster, ChildProcess job, CancellationToken cancel)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var (records, end) = ReadPartition(cluster, "expensive");
            // A gap after some record: at least one transaction committed.
            if (records.Count > 0 && (end > records[^1].Offset + 1 || records.Zip(records.Skip(1)).Any(p => p.Second.Offset > p.First.Offset + 1)))
            {
                return;
            }
            Assert.False(job.HasExited || DateTime.UtcNow > deadline, $"no committed output from the job:{Environment.NewLine}{job.Tail()}");
            await Task.Delay(200, cancel);
        }
    }

    private static async Task<long> FreezeMidTransaction(EmbeddedKafkaCluster cluster, ChildProcess job, CancellationToken cancel)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            Signal("STOP", job.Id);
            // Records the frozen process had handed to librdkafka may still be on their way: let them land.
            await Task.Delay(300, cancel);
            var (records, end) = ReadPartition(cluster, "expensive");
            if (records.Count > 0 && records[^1].Offset == end - 1)
            {
                return end;
            }
            Signal("CONT", job.Id);
            await Task.Delay(137, cancel);
        }
        Assert.Fail("the job was never caught with a transaction open");
        return 0;
    }

    private static async Task WaitForOutputBeyond(EmbeddedKafkaCluster cluster, long offset, ChildProcess job, CancellationToken cancel)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (ReadPartition(cluster, "expensive").Records is var records && (records.Count == 0 || records[^1].Offset < offset))
        {
            Assert.False(job.HasExited || DateTime.UtcNow > deadline, $"the restarted job wrote nothing new:{Environment.NewLine}{job.Tail()}");
            await Task.Delay(200, cancel);
        }
    }

    private static void Signal(string signal, int pid) =>
        Process.Start("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
}
