using Velostream.Engine.Sql.Ast;
using Velostream.Engine.Sql.Parsing;

namespace Velostream.Tests.Sql.Parsing;

public sealed class SelectParsingTests
{
    internal static Statement ParseOne(string sql)
    {
        var result = SqlApplicationParser.Parse(sql, "app.sql");
        Assert.Empty(result.Diagnostics);
        return Assert.Single(result.Application.Statements);
    }

    internal static SelectQuery Query(string sql) => ParseOne(sql).Query;

    [Fact]
    public void Select_list_keeps_expressions_aliases_and_wildcards_in_order()
    {
        var query = Query("SELECT *, m.*, price * 2 AS doubled, volume vol, symbol FROM market_data m");

        Assert.Collection(query.Items,
            i => Assert.Null(Assert.IsType<WildcardItem>(i).Qualifier),
            i => Assert.Equal("m", Assert.IsType<WildcardItem>(i).Qualifier),
            i =>
            {
                var item = Assert.IsType<ExpressionItem>(i);
                Assert.Equal("(price * 2)", item.Expression.ToString());
                Assert.Equal("doubled", item.OutputName);
            },
            i => Assert.Equal("vol", Assert.IsType<ExpressionItem>(i).OutputName),
            i => Assert.Equal("symbol", Assert.IsType<ExpressionItem>(i).OutputName));
        Assert.Equal("market_data", query.From.Name.Name);
        Assert.Equal("m", query.From.EffectiveAlias);
    }

    [Fact]
    public void Primary_key_marks_the_column_before_or_after_its_alias()
    {
        var query = Query("SELECT symbol PRIMARY KEY, price AS p PRIMARY KEY, volume FROM t");

        var flags = query.Items.Cast<ExpressionItem>().Select(i => (i.OutputName, i.IsPrimaryKey));
        Assert.Equal([("symbol", true), ("p", true), ("volume", false)], flags);
    }

    [Fact]
    public void Where_group_by_having_and_limit_are_parsed()
    {
        var query = Query("SELECT symbol, COUNT(*) FROM t WHERE price > 10.5 AND symbol <> 'X' GROUP BY symbol HAVING COUNT(*) >= 2 LIMIT 10");

        Assert.Equal("((price > 10.5) AND (symbol <> 'X'))", query.Where!.ToString());
        Assert.Equal(["symbol"], query.GroupBy.Select(g => g.ToString()));
        Assert.Equal("(COUNT(*) >= 2)", query.Having!.ToString());
        Assert.Equal(10L, Assert.IsType<IntegerLiteral>(query.Limit).Value);
    }

    [Theory]
    [InlineData("WINDOW TUMBLING(1m)", "Tumbling", null, 60_000, 0)]
    [InlineData("WINDOW TUMBLING(ts, INTERVAL '5' SECOND)", "Tumbling", "ts", 5_000, 0)]
    [InlineData("WINDOW SLIDING(ts, 10m, 1m)", "Sliding", "ts", 600_000, 60_000)]
    [InlineData("WINDOW SLIDING('10s', '2s')", "Sliding", null, 10_000, 2_000)]
    [InlineData("WINDOW SESSION(_event_time, 30s)", "Session", "_event_time", 30_000, 0)]
    [InlineData("WINDOW SESSION(INTERVAL '2' HOUR)", "Session", null, 7_200_000, 0)]
    public void Window_clauses_give_kind_time_column_and_sizes(string clause, string kind, string? column, long sizeMs, long advanceMs)
    {
        var window = Query($"SELECT COUNT(*) FROM t {clause} GROUP BY symbol").Window!;

        Assert.Equal(column, window.TimeColumn?.Name);
        var (actualKind, size, advance) = window switch
        {
            TumblingWindow w => ("Tumbling", w.Size, TimeSpan.Zero),
            SlidingWindow w => ("Sliding", w.Size, w.Advance),
            SessionWindow w => ("Session", w.Gap, TimeSpan.Zero),
            _ => throw new InvalidOperationException(),
        };
        Assert.Equal((kind, sizeMs, advanceMs), (actualKind, (long)size.TotalMilliseconds, (long)advance.TotalMilliseconds));
    }

    [Theory]
    [InlineData("EMIT CHANGES", "Changes")]
    [InlineData("emit final", "Final")]
    public void Emit_mode_is_recognised_case_insensitively(string clause, string mode)
    {
        Assert.Equal(mode, Query($"SELECT COUNT(*) FROM t GROUP BY a {clause}").Emit!.Mode.ToString());
    }

    [Fact]
    public void Window_may_come_before_or_after_group_by()
    {
        var before = Query("SELECT a, COUNT(*) FROM t WINDOW TUMBLING(1s) GROUP BY a EMIT FINAL");
        var after = Query("SELECT a, COUNT(*) FROM t GROUP BY a WINDOW TUMBLING(1s) EMIT FINAL");

        Assert.IsType<TumblingWindow>(before.Window);
        Assert.IsType<TumblingWindow>(after.Window);
        Assert.Single(before.GroupBy);
        Assert.Single(after.GroupBy);
    }

    [Fact]
    public void Stream_table_left_join_has_kind_right_source_and_condition()
    {
        var query = Query("SELECT m.symbol, r.name FROM market_data m LEFT JOIN instruments AS r ON m.symbol = r.symbol");

        var join = Assert.Single(query.Joins);
        Assert.Equal(JoinKind.Left, join.Kind);
        Assert.Equal("instruments", join.Right.Name.Name);
        Assert.Equal("r", join.Right.EffectiveAlias);
        Assert.Equal("(m.symbol = r.symbol)", join.Condition.ToString());
        Assert.Null(join.Interval);
    }

    [Fact]
    public void Interval_join_bound_is_recognised_in_the_on_condition()
    {
        var query = Query(
            "SELECT a.id FROM a JOIN b ON a.id = b.id AND b.ts BETWEEN a.ts - INTERVAL '10' SECOND AND a.ts + INTERVAL '10' SECOND");

        var join = Assert.Single(query.Joins);
        Assert.Equal(JoinKind.Inner, join.Kind);
        var interval = join.Interval!;
        Assert.Equal("b.ts", interval.Subject.ToString());
        Assert.Equal("a.ts", interval.Anchor.ToString());
        Assert.Equal(TimeSpan.FromSeconds(-10), interval.Lower);
        Assert.Equal(TimeSpan.FromSeconds(10), interval.Upper);
    }

    [Fact]
    public void Create_stream_carries_name_query_emit_and_properties_in_order()
    {
        var statement = ParseOne("""
            CREATE STREAM high_prices AS
            SELECT symbol, price FROM market_data WHERE price > 200
            EMIT CHANGES
            WITH ('market_data.type' = 'file_source', 'market_data.path' = 'in.jsonl', 'high_prices.type' = 'file_sink');
            """);

        var create = Assert.IsType<CreateStreamStatement>(statement);
        Assert.Equal("high_prices", create.Name.Name);
        Assert.Equal("high_prices", create.JobName);
        Assert.Equal(EmitMode.Changes, create.Query.Emit!.Mode);
        Assert.Equal(
            [("market_data.type", "file_source"), ("market_data.path", "in.jsonl"), ("high_prices.type", "file_sink")],
            create.Properties.Items.Select(p => (p.Key, p.Value)));
        Assert.Equal((4, 7), (create.Properties.Items[0].KeyLocation.Line, create.Properties.Items[0].KeyLocation.Column));
    }

    [Fact]
    public void Create_table_and_bare_select_are_distinct_statement_kinds()
    {
        var result = SqlApplicationParser.Parse("CREATE TABLE totals AS SELECT a, SUM(b) FROM t GROUP BY a; SELECT * FROM t;", "app.sql");

        Assert.Empty(result.Diagnostics);
        Assert.Collection(result.Application.Statements,
            s => Assert.Equal("totals", Assert.IsType<CreateTableStatement>(s).Name.Name),
            s => Assert.Null(Assert.IsType<SelectStatement>(s).Target));
    }
}
