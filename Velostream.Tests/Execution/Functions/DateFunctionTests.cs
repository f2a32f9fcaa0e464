using Velostream.Tests.Support;

namespace Velostream.Tests.Execution.Functions;

/// <summary>Velostream's date functions on epoch-millisecond and ISO-8601 timestamps (UTC).</summary>
public sealed class DateFunctionTests
{
    // 2026-03-14T15:09:26.535Z is a Saturday; 2024-02-29T23:59:59.999Z a Thursday of a leap year.
    private static readonly string[] Events =
    [
        """{"id":1,"at":1773500966535,"iso":"2026-03-14T15:09:26.535Z","secs":1773500966}""",
        """{"id":2,"at":1709251199999,"iso":"2024-02-29T23:59:59.999Z","secs":1709251199.5}""",
    ];

    private static IReadOnlyList<string> Run(string select) =>
        InProcess.Run($"SELECT id, {select} FROM events {InProcess.Sources("events")}", "events", Events);

    [Fact]
    public void Year_month_day_hour_minute_second_read_the_utc_fields_of_epoch_ms_and_iso_text()
    {
        Assert.Equal(
        [
            """{"id":1,"y":2026,"mo":3,"d":14,"h":15,"mi":9,"s":26,"dow":6}""",
            """{"id":2,"y":2024,"mo":2,"d":29,"h":23,"mi":59,"s":59,"dow":4}""",
        ], Run("YEAR(at) AS y, MONTH(iso) AS mo, DAY(at) AS d, HOUR(iso) AS h, MINUTE(at) AS mi, SECOND(at) AS s, EXTRACT('DOW', at) AS dow"));
        Assert.Equal(["{\"id\":1,\"us\":535000}", "{\"id\":2,\"us\":999000}"], Run("EXTRACT('MICROSECOND', at) AS us"));
    }

    [Fact]
    public void Date_format_uses_strftime_specifiers()
    {
        Assert.Equal(
        [
            """{"id":1,"f":"2026-03-14 15:09:26.535","g":"Sat 14 Mar 2026, 03 PM, day 073"}""",
            """{"id":2,"f":"2024-02-29 23:59:59.999","g":"Thu 29 Feb 2024, 11 PM, day 060"}""",
        ], Run("DATE_FORMAT(at, '%Y-%m-%d %H:%M:%S%.3f') AS f, DATE_FORMAT(iso, '%a %d %b %Y, %I %p, day %j') AS g"));
    }

    [Fact]
    public void Unix_timestamp_and_from_unixtime_convert_between_seconds_and_timestamps()
    {
        Assert.Equal(
        [
            """{"id":1,"u":1773500966,"t":"2026-03-14T15:09:26.000Z","back":"2026-03-14T15:09:26.535Z"}""",
            """{"id":2,"u":1709251199,"t":"2024-02-29T23:59:59.500Z","back":"2024-02-29T23:59:59.999Z"}""",
        ], Run("UNIX_TIMESTAMP(at) AS u, FROM_UNIXTIME(secs) AS t, TIMESTAMP(iso) AS back"));
    }

    [Fact]
    public void Date_trunc_rounds_down_to_the_unit_and_weeks_start_on_monday()
    {
        Assert.Equal(
        [
            """{"id":1,"day":"2026-03-14T00:00:00.000Z","wk":"2026-03-09T00:00:00.000Z","q":"2026-01-01T00:00:00.000Z","h":"2026-03-14T15:00:00.000Z"}""",
            """{"id":2,"day":"2024-02-29T00:00:00.000Z","wk":"2024-02-26T00:00:00.000Z","q":"2024-01-01T00:00:00.000Z","h":"2024-02-29T23:00:00.000Z"}""",
        ], Run("DATE_TRUNC('day', at) AS day, DATE_TRUNC('WEEK', iso) AS wk, DATE_TRUNC('quarters', at) AS q, DATE_TRUNC('hour', at) AS h"));
    }

    [Fact]
    public void Datediff_counts_calendar_boundaries_for_days_and_months_and_whole_hours_elapsed()
    {
        // From 2024-02-29T23:59:59.999Z to 2026-03-14T15:09:26.535Z.
        var output = InProcess.Run(
            $"SELECT DATEDIFF('days', a, b) AS d, DATEDIFF('months', a, b) AS m, DATEDIFF('years', a, b) AS y, DATEDIFF('hours', a, b) AS h, DATEDIFF('day', b, a) AS back FROM pairs {InProcess.Sources("pairs")}",
            "pairs", """{"a":"2024-02-29T23:59:59.999Z","b":"2026-03-14T15:09:26.535Z"}""", """{"a":"2026-01-01T23:00:00Z","b":"2026-01-02T01:00:00Z"}""");
        Assert.Equal(
        [
            """{"d":744,"m":25,"y":2,"h":17847,"back":-744}""",
            """{"d":1,"m":0,"y":0,"h":2,"back":-1}""",
        ], output);
    }

    [Fact]
    public void Current_timestamp_is_the_processing_time_never_an_input_column()
    {
        var output = InProcess.Run(
            $"SELECT CURRENT_TIMESTAMP >= TIMESTAMP('2026-01-01T00:00:00Z') AS recent, \"current_timestamp\" AS col FROM t {InProcess.Sources("t")}",
            "t", """{"current_timestamp":"a column"}""");
        Assert.Equal(["""{"recent":true,"col":"a column"}"""], output);
    }

    [Fact]
    public void Current_date_is_midnight_of_the_processing_day_and_timestamps_scale_as_milliseconds()
    {
        var output = InProcess.Run(
            $"SELECT DATE_FORMAT(CURRENT_DATE, '%H:%M:%S') AS midnight, CURRENT_DATE = DATE_TRUNC('day', NOW()) AS today, FROM_UNIXTIME(TIMESTAMP(at) / 1000) AS back FROM events {InProcess.Sources("events")}",
            "events", """{"at":1773500966535}""");
        Assert.Equal(["""{"midnight":"00:00:00","today":true,"back":"2026-03-14T15:09:26.535Z"}"""], output);
    }

    [Fact]
    public void Timestamp_differences_are_epoch_milliseconds_as_in_velostream()
    {
        var output = InProcess.Run(
            $"SELECT TIMESTAMP(b) - TIMESTAMP(a) AS ms, COALESCE((TIMESTAMP(b) - TIMESTAMP(a)) / 1000.0, 0.0) AS seconds, EXTRACT(EPOCH FROM (TIMESTAMP(b) - TIMESTAMP(a))) AS whole FROM pairs {InProcess.Sources("pairs")}",
            "pairs", """{"a":"2026-01-01T00:00:00Z","b":"2026-01-01T00:01:30.250Z"}""");
        Assert.Equal(["""{"ms":90250,"seconds":90.25,"whole":90}"""], output);
    }

    [Fact]
    public void A_value_that_is_not_a_timestamp_or_outside_the_calendar_fails_its_record()
    {
        var query = InProcess.RunOneByOne($"SELECT YEAR(at) AS y, FROM_UNIXTIME(s) AS t FROM events {InProcess.Sources("events")}", "events",
            """{"at":"not a date","s":0}""", """{"at":1773500966535,"s":0}""", """{"at":999999999999999999,"s":0}""", """{"at":0,"s":1000000000000000}""");
        Assert.Equal(["""{"y":2026,"t":"1970-01-01T00:00:00.000Z"}"""], query.Output.Lines);
        Assert.Equal(3, query.Stats.RecordsFailed);
    }
}
