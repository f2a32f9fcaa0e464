using System.Text;
using Velostream.Engine.Connectors;
using Velostream.Engine.Jobs;

namespace Velostream.Tests.Jobs;

/// <summary>The file a UNION ALL's SELECTs share stays open until the union closes it.</summary>
public sealed class SharedSinkTests
{
    [Fact]
    public async Task A_select_that_ends_before_another_opens_does_not_close_the_file_under_it()
    {
        var inner = new RecordingSink();
        var shared = new SharedSink();

        var first = shared.Open(() => inner);
        first.Write(default, "a"u8, null, 1);
        await first.DisposeAsync();
        Assert.Equal(0, inner.Disposed);
        Assert.Equal(1, inner.Flushes);

        var second = shared.Open(() => throw new InvalidOperationException("the sink is created once"));
        second.Write(default, "b"u8, null, 2);
        await second.DisposeAsync();
        await shared.DisposeAsync();

        Assert.Equal(["a", "b"], inner.Lines);
        Assert.Equal(1, inner.Disposed);
        Assert.Throws<ObjectDisposedException>(() => shared.Open(() => inner));
    }

    [Fact]
    public async Task Closing_a_union_whose_selects_never_opened_the_sink_creates_nothing()
    {
        var shared = new SharedSink();
        await shared.DisposeAsync();
        await shared.DisposeAsync();
    }

    private sealed class RecordingSink : IRecordSink
    {
        public List<string> Lines { get; } = [];

        public int Disposed { get; private set; }

        public int Flushes { get; private set; }

        public string Name => "result";

        public long Unacknowledged => 0;

        public void Write(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, RecordHeaders? headers, long timestampMs)
        {
            ObjectDisposedException.ThrowIf(Disposed > 0, this);
            Lines.Add(Encoding.UTF8.GetString(value));
        }

        public ValueTask FlushAsync(CancellationToken cancellationToken)
        {
            Flushes++;
            return ValueTask.CompletedTask;
        }

        public ValueTask DisposeAsync()
        {
            Disposed++;
            return ValueTask.CompletedTask;
        }
    }
}
