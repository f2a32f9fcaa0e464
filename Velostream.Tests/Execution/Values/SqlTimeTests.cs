using Velostream.Engine.Execution.Values;

namespace Velostream.Tests.Execution.Values;

public sealed class SqlTimeTests
{
    [Theory]
    [InlineData("2026-01-05T09:30:00Z", 1767605400000)]
    [InlineData("2026-01-05T09:30:00.123Z", 1767605400123)]
    [InlineData("2026-01-05T09:30:00.5Z", 1767605400500)]
    [InlineData("2026-01-05T09:30:00", 1767605400000)]
    [InlineData("2026-01-05 09:30:00", 1767605400000)]
    [InlineData("2026-01-05T10:30:00+01:00", 1767605400000)]
    [InlineData("2026-01-05T09:30:00.1234567Z", 1767605400123)]
    public void Parses_iso_8601_timestamps_as_utc_epoch_milliseconds(string text, long expected)
    {
        Assert.True(SqlTime.TryParseIso(System.Text.Encoding.UTF8.GetBytes(text), out var ms));
        Assert.Equal(expected, ms);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2026-13-05T09:30:00Z")]
    [InlineData("")]
    public void Rejects_text_that_is_not_a_timestamp(string text)
    {
        Assert.False(SqlTime.TryParseIso(System.Text.Encoding.UTF8.GetBytes(text), out _));
    }

    [Fact]
    public void Formats_iso_utc_with_milliseconds()
    {
        Assert.Equal("2026-01-05T09:30:00.000Z", SqlTime.FormatIso(1767605400000));
    }

    [Fact]
    public void Formats_every_instant_of_the_calendar_as_the_framework_formats_it()
    {
        // Seeded instants over the whole calendar (before 1970 too), its ends and the turns of days and years.
        var random = new Random(41);
        long[] edges = [SqlTime.MinMs, SqlTime.MaxMs, 0, -1, 1, 86_399_999, 86_400_000, -86_400_000, 951_782_400_000, 1_767_225_599_999];
        var instants = edges.Concat(Enumerable.Range(0, 20_000).Select(_ => random.NextInt64(SqlTime.MinMs, SqlTime.MaxMs + 1)));
        Span<byte> utf8 = stackalloc byte[32];
        foreach (var ms in instants)
        {
            var expected = SqlTime.ToDateTime(ms).ToString(SqlTime.IsoFormat, System.Globalization.CultureInfo.InvariantCulture);
            var n = SqlTime.FormatIso(ms, utf8);
            Assert.Equal(expected, System.Text.Encoding.ASCII.GetString(utf8[..n]));
            Assert.Equal(expected, SqlTime.FormatIso(ms));
        }
    }
}
