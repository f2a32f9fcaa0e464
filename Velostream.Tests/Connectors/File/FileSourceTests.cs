using System.Text;
using Velostream.Engine.Connectors;
using Velostream.Engine.Connectors.File;
using Velostream.Tests.Support;

namespace Velostream.Tests.Connectors.File;

public sealed class FileSourceTests
{
    private static async Task<List<(long Line, string Text)>> ReadAll(FileSource source, int batchSize)
    {
        var all = new List<(long, string)>();
        var batch = new SourceBatch();
        while (await source.ReadBatchAsync(batch, batchSize, CancellationToken.None))
        {
            foreach (var r in batch.Records)
            {
                all.Add((r.Offset, Encoding.UTF8.GetString(r.Value.Span)));
            }
        }
        return all;
    }

    [Fact]
    public async Task Hands_out_lines_with_their_line_numbers_skipping_blank_lines()
    {
        using var dir = new TempFolder();
        var path = dir.Write("in.jsonl", "{\"a\":1}\r\n\n{\"a\":2}\n   \n{\"a\":3}");
        await using var source = FileSource.Open("in", path, PayloadFormat.Json);
        Assert.Equal([(1L, "{\"a\":1}"), (3L, "{\"a\":2}"), (5L, "{\"a\":3}")], await ReadAll(source, 100));
    }

    [Fact]
    public async Task Lines_crossing_chunk_boundaries_and_longer_than_a_chunk_arrive_whole()
    {
        using var dir = new TempFolder();
        var lines = Enumerable.Range(0, 200).Select(i => new string((char)('a' + i % 26), i % 37 == 0 ? 100 : i % 13 + 1)).ToList();
        var path = dir.Write("in.jsonl", string.Join("\n", lines) + "\n");
        await using var source = FileSource.Open("in", path, PayloadFormat.Json, chunkSize: 16);
        var read = await ReadAll(source, 7);
        Assert.Equal(lines, read.Select(r => r.Text));
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), read.Select(r => r.Line));
    }

    [Fact]
    public async Task Kept_batches_stay_valid_while_later_batches_are_read()
    {
        using var dir = new TempFolder();
        var lines = Enumerable.Range(0, 300).Select(i => $"{{\"n\":{i},\"pad\":\"{new string((char)('a' + i % 26), i % 11)}\"}}").ToList();
        var path = dir.Write("in.jsonl", string.Join("\n", lines) + "\n");
        await using var source = FileSource.Open("in", path, PayloadFormat.Json, chunkSize: 64);
        source.KeepBatches(3);
        // Four batches in flight, as a read-ahead stage holds them: the oldest is checked after three more reads.
        var inFlight = new Queue<(SourceBatch Batch, List<string> Seen)>();
        var checkedLines = 0;
        var more = true;
        while (more)
        {
            var batch = inFlight.Count == 4 ? inFlight.Dequeue().Batch : new SourceBatch();
            more = await source.ReadBatchAsync(batch, 2, CancellationToken.None);
            inFlight.Enqueue((batch, [.. batch.Records.ToArray().Select(r => Encoding.UTF8.GetString(r.Value.Span))]));
            foreach (var (held, seen) in inFlight)
            {
                Assert.Equal(seen, batch == held ? seen : [.. held.Records.ToArray().Select(r => Encoding.UTF8.GetString(r.Value.Span))]);
            }
            checkedLines += batch.Count;
        }
        Assert.Equal(lines.Count, checkedLines);
    }

    [Fact]
    public async Task Csv_reads_the_header_row_and_keeps_quoted_line_breaks_in_one_record()
    {
        using var dir = new TempFolder();
        var path = dir.Write("in.csv", "\uFEFFsymbol,note\nAAPL,\"two\nlines\"\nMSFT,plain\n");
        await using var source = FileSource.Open("in", path, PayloadFormat.Csv);
        Assert.Equal(["symbol", "note"], source.ColumnNames);
        Assert.Equal([(2L, "AAPL,\"two\nlines\""), (3L, "MSFT,plain")], await ReadAll(source, 10));
    }

    [Fact]
    public void A_missing_file_is_reported_with_its_path()
    {
        var e = Assert.Throws<FileNotFoundException>(() => FileSource.Open("trades", "/nonexistent/x.jsonl", PayloadFormat.Json));
        Assert.Equal("source 'trades': file not found: /nonexistent/x.jsonl", e.Message);
    }
}
