using System.Text;
using Velostream.Engine.Connectors;
using Velostream.Engine.Connectors.Kafka;
using Velostream.Engine.Connectors.Kafka.Embedded;
using Velostream.Engine.Telemetry;

namespace Velostream.Tests.Connectors.Kafka;

public sealed class KafkaDeadLetterWriterTests
{
    [Fact]
    public async Task Dead_letter_keeps_the_original_record_and_headers_and_says_what_failed_where()
    {
        using var cluster = EmbeddedKafkaCluster.Start();
        cluster.CreateTopic("price_alerts-dlq");
        var producer = new Dictionary<string, string> { ["bootstrap.servers"] = cluster.BootstrapServers };
        var original = new SourceRecord
        {
            Key = "AAPL"u8.ToArray(),
            Value = """{"symbol":"AAPL","price":"oops"}"""u8.ToArray(),
            Headers = new RecordHeaders { new("traceparent", "00-11111111111111111111111111111111-2222222222222222-01"u8.ToArray()) },
            Topic = "market_data",
            Partition = 2,
            Offset = 41,
            TimestampMs = 1_700_000_000_000,
        };
        await using (var writer = new KafkaDeadLetterWriter("price_alerts", KafkaDeadLetterWriter.DefaultTopic("price_alerts"), producer, VelostreamTelemetry.Default))
        {
            writer.Write(original, "decode_error", "price: expected a number");
            await writer.FlushAsync(TestContext.Current.CancellationToken);
            Assert.Equal(1, writer.Delivered);
        }

        await using var source = new KafkaSource("dlq", ["price_alerts-dlq"],
            new Dictionary<string, string>(producer) { ["group.id"] = "dlq-reader" }, "test");
        var batch = new SourceBatch();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (batch.Count == 0 && DateTime.UtcNow < deadline)
        {
            await source.ReadBatchAsync(batch, 10, TestContext.Current.CancellationToken);
        }

        var record = Assert.Single(batch.Records.ToArray());
        Assert.Equal("AAPL", Encoding.UTF8.GetString(record.Key.Span));
        Assert.Equal("""{"symbol":"AAPL","price":"oops"}""", Encoding.UTF8.GetString(record.Value.Span));
        Assert.Equal(1_700_000_000_000, record.TimestampMs);
        Assert.Equal(
            [
                ("traceparent", "00-11111111111111111111111111111111-2222222222222222-01"),
                ("velostream.error.type", "decode_error"),
                ("velostream.error.message", "price: expected a number"),
                ("velostream.job", "price_alerts"),
                ("velostream.source.topic", "market_data"),
                ("velostream.source.partition", "2"),
                ("velostream.source.offset", "41"),
            ],
            record.Headers!.Select(h => (h.Key, Encoding.UTF8.GetString(h.Value))));
    }
}
