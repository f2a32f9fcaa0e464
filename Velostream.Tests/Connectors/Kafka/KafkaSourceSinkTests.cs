using System.Text;
using Microsoft.Extensions.Configuration;
using Velostream.Engine.Connectors;
using Velostream.Engine.Connectors.Kafka;
using Velostream.Engine.Connectors.Kafka.Embedded;
using Velostream.Engine.Telemetry;
using Velostream.Tests.Telemetry;

namespace Velostream.Tests.Connectors.Kafka;

public sealed class KafkaSourceSinkTests : IDisposable
{
    private readonly EmbeddedKafkaCluster _cluster = EmbeddedKafkaCluster.Start();

    public void Dispose() => _cluster.Dispose();

    private KafkaConnectorSettings Settings(string name, string topic, string? group)
    {
        var errors = new List<string>();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("ConnectionStrings:kafka", _cluster.BootstrapServers)]).Build();
        var settings = KafkaConnectorSettings.Parse(
            name, new Dictionary<string, string>(EmbeddedKafkaCluster.ConsumerDefaults.Select(p => KeyValuePair.Create($"{name}.{p.Key}", p.Value)))
            {
                [$"{name}.topic.name"] = topic,
            }, configuration, group, errors);
        Assert.Empty(errors);
        return settings!;
    }

    private static async Task<List<SourceRecord>> ReadAsync(KafkaSource source, int count)
    {
        var batch = new SourceBatch();
        var records = new List<SourceRecord>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (records.Count < count && DateTime.UtcNow < deadline)
        {
            await source.ReadBatchAsync(batch, 100, TestContext.Current.CancellationToken);
            foreach (var record in batch.Records)
            {
                records.Add(record);
            }
        }
        return records;
    }

    [Fact]
    public async Task Lag_is_read_without_waiting_for_a_poll_in_progress()
    {
        _cluster.CreateTopic("lagging");
        await using (var sink = new KafkaSink(Settings("out", "lagging", null), "test", VelostreamTelemetry.Default))
        {
            sink.Write([], """{"n":1}"""u8, null, -1);
            await sink.FlushAsync(TestContext.Current.CancellationToken);
        }
        // A long poll, as a job's source does while its topic is quiet.
        await using var source = new KafkaSource("in", ["lagging"], new Dictionary<string, string>(EmbeddedKafkaCluster.ConsumerDefaults)
        {
            ["bootstrap.servers"] = _cluster.BootstrapServers,
            ["group.id"] = "lag-test",
            ["auto.offset.reset"] = "earliest",
        }, "test", pollTimeoutMs: 5_000);
        var batch = new SourceBatch();
        await source.ReadBatchAsync(batch, 10, TestContext.Current.CancellationToken);
        Assert.Equal(1, batch.Count);

        // The topic is drained: this poll waits. The metrics collection must not queue behind it.
        var poll = Task.Run(() => source.ReadBatchAsync(batch, 10, TestContext.Current.CancellationToken).AsTask(), TestContext.Current.CancellationToken);
        await Task.Delay(500, TestContext.Current.CancellationToken);
        var lag = Task.Run(() => source.Lag, TestContext.Current.CancellationToken);
        var first = await Task.WhenAny(lag, poll);
        Assert.Same(lag, first);
        Assert.False(poll.IsCompleted, "the 5 s poll ended early: the lag read was not made while it was in progress");
    }

    [Fact]
    public async Task Sink_writes_key_value_headers_and_event_time_that_the_source_reads_back()
    {
        _cluster.CreateTopic("alerts");
        await using (var sink = new KafkaSink(Settings("out", "alerts", null), "test", VelostreamTelemetry.Default))
        {
            var headers = new RecordHeaders { new("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"u8.ToArray()) };
            sink.Write("AAPL"u8, """{"price":"189.50"}"""u8, headers, 1_700_000_000_123);
            sink.Write([], """{"price":"1"}"""u8, null, -1);
            await sink.FlushAsync(TestContext.Current.CancellationToken);
            Assert.Equal(2, sink.Delivered);
        }

        await using var source = new KafkaSource(Settings("in", "alerts", "g1"), "test");
        var records = await ReadAsync(source, 2);

        Assert.Equal(2, records.Count);
        Assert.Equal("AAPL", Encoding.UTF8.GetString(records[0].Key.Span));
        Assert.Equal("""{"price":"189.50"}""", Encoding.UTF8.GetString(records[0].Value.Span));
        Assert.Equal(1_700_000_000_123, records[0].TimestampMs);
        Assert.Equal("alerts", records[0].Topic);
        Assert.Equal(0, records[0].Offset);
        Assert.Equal("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            Encoding.UTF8.GetString(records[0].Headers!.GetLast("traceparent")!));
        Assert.True(records[1].Key.IsEmpty);
        Assert.Null(records[1].Headers);
        Assert.Equal(1, records[1].Offset);
    }

    [Fact]
    public async Task Messages_sharing_a_header_list_each_carry_it_and_only_sampled_or_context_free_ones_get_a_send_span()
    {
        _cluster.CreateTopic("shared");
        using var engine = new TracedService("engine");
        const string unsampledParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00";
        const string sampledParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        // One list given to several outputs (as a batch's outputs without context share one), another
        // between them, and none at all: each message must leave with its own list's content.
        var unsampled = new RecordHeaders { new("traceparent", Encoding.UTF8.GetBytes(unsampledParent)), new("x-source", "u"u8.ToArray()) };
        var sampled = new RecordHeaders { new("traceparent", Encoding.UTF8.GetBytes(sampledParent)), new("x-source", "s"u8.ToArray()) };
        await using (var sink = new KafkaSink("out", "shared", new Dictionary<string, string> { ["bootstrap.servers"] = _cluster.BootstrapServers }, "test", engine.Telemetry))
        {
            sink.Write([], "0"u8, unsampled, -1);
            sink.Write([], "1"u8, unsampled, -1);
            sink.Write([], "2"u8, sampled, -1);
            sink.Write([], "3"u8, unsampled, -1);
            sink.Write([], "4"u8, null, -1);
            await sink.FlushAsync(TestContext.Current.CancellationToken);
        }

        await using var source = new KafkaSource(Settings("in", "shared", "g-shared"), "test");
        var records = await ReadAsync(source, 5);

        Assert.Equal(["0", "1", "2", "3", "4"], records.Select(r => Encoding.UTF8.GetString(r.Value.Span)));
        foreach (var i in new[] { 0, 1, 3 })
        {
            // "Not sampled" travels unchanged, with no span.
            Assert.Equal(unsampledParent, Encoding.UTF8.GetString(records[i].Headers!.GetLast("traceparent")!));
            Assert.Equal("u", Encoding.UTF8.GetString(records[i].Headers!.GetLast("x-source")!));
            Assert.Equal(2, records[i].Headers!.Count);
        }
        var sends = engine.Spans.Where(s => s.Kind == System.Diagnostics.ActivityKind.Producer).ToList();
        Assert.Equal(2, sends.Count);
        // The sampled message carries its send span's context, a child of the context it came with.
        var second = Encoding.UTF8.GetString(records[2].Headers!.GetLast("traceparent")!);
        var sampledSend = Assert.Single(sends, s => s.ParentSpanId.ToHexString() == "b7ad6b7169203331");
        Assert.Equal($"00-0af7651916cd43dd8448eb211c80319c-{sampledSend.SpanId.ToHexString()}-01", second);
        Assert.Equal("s", Encoding.UTF8.GetString(records[2].Headers!.GetLast("x-source")!));
        // The message without context started a trace of its own (sampling is 100% here).
        var rootSend = Assert.Single(sends, s => s.ParentSpanId == default);
        Assert.Equal($"00-{rootSend.TraceId.ToHexString()}-{rootSend.SpanId.ToHexString()}-01",
            Encoding.UTF8.GetString(records[4].Headers!.GetLast("traceparent")!));
        // The caller's lists were never changed.
        Assert.Equal(sampledParent, Encoding.UTF8.GetString(sampled.GetLast("traceparent")!));
        Assert.Equal(2, unsampled.Count);
    }

    [Fact]
    public async Task A_restarted_source_resumes_after_the_last_commit_and_replays_what_was_not_committed()
    {
        _cluster.CreateTopic("ticks");
        await using (var sink = new KafkaSink(Settings("out", "ticks", null), "test", VelostreamTelemetry.Default))
        {
            for (var i = 0; i < 10; i++)
            {
                sink.Write([], Encoding.UTF8.GetBytes($$"""{"i":{{i}}}"""), null, -1);
            }
            await sink.FlushAsync(TestContext.Current.CancellationToken);
        }

        await using (var first = new KafkaSource(Settings("in", "ticks", "resume-group"), "test"))
        {
            var read = await ReadAsync(first, 10);
            Assert.Equal(10, read.Count);
            // Disposed without a commit: as if the job died before its outputs were acknowledged.
        }

        await using (var second = new KafkaSource(Settings("in", "ticks", "resume-group"), "test"))
        {
            // Nothing was committed: everything is replayed.
            var replay = await ReadAsync(second, 10);
            Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), replay.Select(r => r.Offset));
            await second.CommitAsync(null, TestContext.Current.CancellationToken);
        }

        await using (var sink = new KafkaSink(Settings("out", "ticks", null), "test", VelostreamTelemetry.Default))
        {
            sink.Write([], """{"i":10}"""u8, null, -1);
            await sink.FlushAsync(TestContext.Current.CancellationToken);
        }

        await using var third = new KafkaSource(Settings("in", "ticks", "resume-group"), "test");
        var rest = await ReadAsync(third, 1);
        Assert.Equal([10L], rest.Select(r => r.Offset));
    }

    [Fact]
    public async Task A_held_commit_stops_at_the_held_offset_and_a_later_commit_moves_past_it_once_released()
    {
        _cluster.CreateTopic("held");
        await using (var sink = new KafkaSink(Settings("out", "held", null), "test", VelostreamTelemetry.Default))
        {
            for (var i = 0; i < 6; i++)
            {
                sink.Write([], Encoding.UTF8.GetBytes($$"""{"i":{{i}}}"""), null, -1);
            }
            await sink.FlushAsync(TestContext.Current.CancellationToken);
        }

        await using (var first = new KafkaSource(Settings("in", "held", "held-group"), "test"))
        {
            Assert.Equal(6, (await ReadAsync(first, 6)).Count);
            // Offsets 3.. still feed open state: commit up to 3 only (as if the job then crashed).
            await first.CommitAsync(new Dictionary<int, long> { [0] = 3 }, TestContext.Current.CancellationToken);
        }

        await using (var second = new KafkaSource(Settings("in", "held", "held-group"), "test"))
        {
            var replay = await ReadAsync(second, 3);
            Assert.Equal([3L, 4L, 5L], replay.Select(r => r.Offset));
            await second.CommitAsync(new Dictionary<int, long> { [0] = 4 }, TestContext.Current.CancellationToken);
            // The state is released with no new record read: the next commit still moves to the end.
            await second.CommitAsync(null, TestContext.Current.CancellationToken);
        }

        await using (var sink = new KafkaSink(Settings("out", "held", null), "test", VelostreamTelemetry.Default))
        {
            sink.Write([], """{"i":6}"""u8, null, -1);
            await sink.FlushAsync(TestContext.Current.CancellationToken);
        }
        await using var third = new KafkaSource(Settings("in", "held", "held-group"), "test");
        Assert.Equal([6L], (await ReadAsync(third, 1)).Select(r => r.Offset));
    }
}
