using Velostream.Engine.Connectors.File;
using Velostream.Tests.Support;

namespace Velostream.Tests.Connectors.File;

public sealed class FileSinkTests
{
    [Fact]
    public async Task Overwrites_the_file_and_writes_one_line_per_record_after_the_header()
    {
        using var dir = new TempFolder();
        var path = dir.Write("out.csv", "old content that must disappear\n");
        await using (var sink = FileSink.Create("out", path, "a,b"u8.ToArray()))
        {
            sink.Write(default, "1,2"u8, null, -1);
            sink.Write(default, "3,4"u8, null, -1);
            await sink.FlushAsync(CancellationToken.None);
            Assert.Equal("a,b\n1,2\n3,4\n", System.IO.File.ReadAllText(path));
        }
    }

    [Fact]
    public async Task Creates_missing_folders()
    {
        using var dir = new TempFolder();
        var path = dir.File("sub/out.jsonl");
        await using (var sink = FileSink.Create("out", path))
        {
            sink.Write(default, "{}"u8, null, -1);
        }
        Assert.Equal("{}\n", System.IO.File.ReadAllText(path));
    }
}
