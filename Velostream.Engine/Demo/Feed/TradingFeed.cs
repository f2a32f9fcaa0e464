using System.Buffers;
using System.Diagnostics;
using System.Text;
using Velostream.Engine.Connectors.Kafka;
using Velostream.Engine.Telemetry;

namespace Velostream.Engine.Demo.Feed;

/// <summary>
/// Sends generated trading data to Kafka at a steady rate, round-robin over the chosen topics,
/// until the count is reached or it is stopped (then it flushes what it queued).
/// </summary>
internal sealed class TradingFeed
{
    private readonly FeedOptions _options;
    private readonly IReadOnlyDictionary<string, string> _producerProperties;
    private readonly VelostreamTelemetry _telemetry;
    private KafkaSink[] _sinks = [];
    private long _finished;

    public TradingFeed(FeedOptions options, IReadOnlyDictionary<string, string> producerProperties, VelostreamTelemetry telemetry)
    {
        _telemetry = telemetry;
        _options = options;
        _producerProperties = producerProperties;
    }

    /// <summary>How long the final flush waits for the broker (librdkafka alone would retry for 5 minutes).</summary>
    public TimeSpan FlushTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Records still not acknowledged when the final flush gave up (0 when everything was).</summary>
    public long Unacknowledged { get; private set; }

    /// <summary>Records acknowledged so far.</summary>
    public long Sent => _finished + Volatile.Read(ref _sinks).Sum(s => s.Delivered);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var generator = new TradingDataGenerator(_options.Seed, () => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var sinks = _options.Topics.Select(t => new KafkaSink(t, t, _producerProperties, "velostream-feed", _telemetry) { Stopping = cancellationToken }).ToArray();
        Volatile.Write(ref _sinks, sinks);
        var buffer = new ArrayBufferWriter<byte>(512);
        var clock = Stopwatch.StartNew();
        long queued = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested && (_options.Count == 0 || queued < _options.Count))
            {
                // Pace against the start time so short sleeps do not accumulate drift.
                var due = TimeSpan.FromSeconds(queued / _options.Rate);
                var ahead = due - clock.Elapsed;
                if (ahead > TimeSpan.FromMilliseconds(2))
                {
                    try
                    {
                        await Task.Delay(ahead, cancellationToken);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }
                var sink = sinks[queued % sinks.Length];
                buffer.ResetWrittenCount();
                var key = generator.Next(sink.Topic, buffer, out var timestampMs);
                try
                {
                    sink.Write(Encoding.UTF8.GetBytes(key), buffer.WrittenSpan, null, timestampMs);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // Stopped while the producer's queue was full (the broker is gone).
                    break;
                }
                queued++;
            }
            // Stopping still delivers what was queued, but waits for the broker no longer than the deadline.
            using var deadline = new CancellationTokenSource(FlushTimeout);
            try
            {
                foreach (var sink in sinks)
                {
                    await sink.FlushAsync(deadline.Token);
                }
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                Unacknowledged = sinks.Sum(s => s.Unacknowledged);
                foreach (var sink in sinks)
                {
                    sink.GiveUp();
                }
            }
        }
        finally
        {
            foreach (var sink in sinks)
            {
                await sink.DisposeAsync();
            }
            _finished += sinks.Sum(s => s.Delivered);
            Volatile.Write(ref _sinks, []);
        }
    }
}
