using System.Text.Json;
using Velostream.Benchmarks.Data;
using Velostream.Engine.Connectors;

namespace Velostream.Benchmarks.Engine;

/// <summary>
/// The order in which source batches reach the engine, built once, untimed: each data set cut into
/// batches of the size <c>run</c> reads (slices of the one buffer, no copies), and two streams merged
/// by the event time of each batch's first record, as a consumer polling both topics would see them.
/// </summary>
internal static class BatchSchedule
{
    public static List<(string Source, SourceBatch Batch)> Of(string source, JsonLines lines, int batchSize) =>
        [.. Batches(source, lines, batchSize).Select(b => (source, b))];

    /// <summary>Merges two streams by the <paramref name="timeField"/> of each batch's first record.</summary>
    public static List<(string Source, SourceBatch Batch)> Merge(
        string left, JsonLines leftLines, string right, JsonLines rightLines, int batchSize, string timeField)
    {
        return [.. Batches(left, leftLines, batchSize).Select(b => (Source: left, Batch: b))
            .Concat(Batches(right, rightLines, batchSize).Select(b => (Source: right, Batch: b)))
            .OrderBy(p => FirstTime(p.Batch, timeField))];
    }

    /// <summary>One batch holding every record (a table loaded whole).</summary>
    public static SourceBatch Whole(string source, JsonLines lines) => Batches(source, lines, lines.Count).Single();

    private static IEnumerable<SourceBatch> Batches(string source, JsonLines lines, int batchSize)
    {
        for (var start = 0; start < lines.Count; start += batchSize)
        {
            var end = Math.Min(lines.Count, start + batchSize);
            var batch = new SourceBatch(end - start);
            for (var i = start; i < end; i++)
            {
                ref var record = ref batch.Add();
                record.Value = lines.Line(i);
                record.Topic = source;
                record.Offset = i + 1;
                record.TimestampMs = -1;
            }
            yield return batch;
        }
    }

    private static long FirstTime(SourceBatch batch, string timeField)
    {
        using var document = JsonDocument.Parse(batch[0].Value);
        return document.RootElement.GetProperty(timeField).GetInt64();
    }
}
