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
}
