using Velostream.Engine.Connectors;
using Velostream.Engine.Sql;
using Velostream.Engine.Sql.Logical;

namespace Velostream.Tests.Sql.Logical;

/// <summary>The logical plan of a statement: its nodes in the order a record meets them, and the located errors only planning can find.</summary>
public sealed class LogicalPlannerTests
{
    private const string Kafka = " WITH ('t.type' = 'kafka_source', 'u.type' = 'kafka_source')";

    private static LogicalPlanResult Plan(string sql, IReadOnlyList<SourceSchema>? schemas = null)
    {
        var check = SqlFrontEnd.Check(sql, "app.sql");
        Assert.Empty(check.Diagnostics);
        var bound = check.Statements[0];
        return schemas is null ? LogicalPlanner.Plan(bound) : LogicalPlanner.Plan(bound, schemas, PayloadFormat.Json);
    }

    // What validate, run and the job server report: the front end plans every valid statement.
    private static IEnumerable<string> Errors(string sql) => SqlFrontEnd.Check(sql, "app.sql").Diagnostics.Select(d => d.ToString());

    // The nodes from the sink down to the (first) scan.
    private static string Shape(QueryPlan plan)
    {
        var names = new List<string>();
        for (LogicalPlan node = plan.Root; ; node = node.Inputs[0])
        {
            names.Add(node.GetType().Name);
            if (node.Inputs.Count == 0) break;
        }
        return string.Join(" <- ", names);
    }

    [Theory]
    [InlineData("SELECT symbol, price FROM t WHERE price > 1", "Sink <- Project <- Filter <- Scan")]
    [InlineData("SELECT symbol, COUNT(*) AS n FROM t GROUP BY symbol", "Sink <- Project <- GroupAggregate <- Repartition <- Scan")]
    [InlineData("SELECT symbol, COUNT(*) AS n FROM t GROUP BY symbol WINDOW TUMBLING(ts, 1s) EMIT FINAL ORDER BY n LIMIT 3", "Sink <- Limit <- Sort <- Project <- WindowAggregate <- Repartition <- Scan")]
    [InlineData("SELECT t.symbol, u.name FROM t JOIN u ON t.symbol = u.symbol WHERE t.price > 1", "Sink <- Project <- Filter <- LookupJoin <- Scan")]
    [InlineData("SELECT a.id FROM t a JOIN u b ON a.id = b.id AND b.ts BETWEEN a.ts - INTERVAL '1' SECOND AND a.ts", "Sink <- Project <- IntervalJoin <- Scan")]
    [InlineData("SELECT symbol, LAG(price) OVER (ROWS WINDOW BUFFER 5 ROWS PARTITION BY symbol) AS prev FROM t", "Sink <- Project <- RowFunction <- Scan")]
    public void Each_clause_is_one_node_in_the_order_a_record_meets_it(string sql, string shape)
    {
        var result = Plan(sql + Kafka);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(shape, Shape(result.Plan!));
    }

    [Fact]
    public void An_aggregate_over_a_kafka_stream_reads_it_through_a_repartition_keyed_by_the_group_key()
    {
        var plan = Plan("SELECT UPPER(symbol) AS s, COUNT(*) AS n FROM t WHERE price > 1 GROUP BY s" + Kafka).Plan!;

        var repartition = plan.Find<Repartition>()!;
        Assert.Equal("Sink <- Project <- GroupAggregate <- Filter <- Repartition <- Scan", Shape(plan));
        Assert.Equal(["UPPER(symbol)"], repartition.Keys.Select(k => k.ToString()));
        Assert.Equal("t", repartition.Source.Name);
        Assert.Equal("shop-counts-repartition", Repartition.TopicName("shop", "counts"));
        Assert.Equal("velostream-shop-counts-repartition", Repartition.GroupId("shop", "counts"));
    }

    [Fact]
    public void A_global_aggregate_is_repartitioned_by_no_key_into_one_partition()
    {
        var repartition = Plan("SELECT COUNT(*) AS n FROM t" + Kafka).Plan!.Find<Repartition>()!;

        Assert.Empty(repartition.Keys);
    }

    [Theory]
    [InlineData("'t.key.field' = 'symbol'", "symbol")]
    [InlineData("'t.key.field' = 'symbol'", "symbol, exchange")]
    [InlineData("'t.key.field' = 'exchange, symbol'", "symbol, exchange")]
    public void A_stream_declared_keyed_by_columns_the_group_key_contains_is_not_repartitioned(string declaration, string groupBy)
    {
        var plan = Plan($"SELECT {groupBy}, COUNT(*) AS n FROM t GROUP BY {groupBy} WITH ('t.type' = 'kafka_source', {declaration})").Plan!;

        Assert.Null(plan.Find<Repartition>());
    }

    [Theory]
    [InlineData("SELECT exchange, COUNT(*) AS n FROM t GROUP BY exchange WITH ('t.type' = 'kafka_source', 't.key.field' = 'symbol')")]
    [InlineData("SELECT COUNT(*) AS n FROM t WITH ('t.type' = 'kafka_source', 't.key.field' = 'symbol')")]
    public void A_stream_keyed_by_other_columns_than_the_group_key_is_repartitioned(string sql) =>
        Assert.NotNull(Plan(sql).Plan!.Find<Repartition>());

    [Theory]
    [InlineData("SELECT symbol, COUNT(*) AS n FROM t GROUP BY symbol WITH ('t.type' = 'file_source', 't.path' = 'in.jsonl')")]
    [InlineData("SELECT symbol, price FROM t WHERE price > 1" + Kafka)]
    public void File_jobs_and_stateless_jobs_never_repartition(string sql) =>
        Assert.Null(Plan(sql).Plan!.Find<Repartition>());

    [Fact]
    public void Joined_kafka_inputs_declaring_different_partition_counts_are_an_error_at_the_join()
    {
        const string sql = """
            SELECT b.symbol FROM bids b
            JOIN asks a ON a.symbol = b.symbol AND a.ts BETWEEN b.ts - INTERVAL '1' SECOND AND b.ts
            WITH ('bids.type' = 'kafka_source', 'bids.partitions' = '4', 'asks.type' = 'kafka_source', 'asks.partitions' = '8')
            """;

        Assert.Equal(
            ["app.sql:2:1: error: the inputs of this join are not co-partitioned: 'bids' has 4 partition(s) and 'asks' has 8; "
             + "each replica joins the same partitions of both, so give them the same partition count"],
            Errors(sql));
        Assert.Empty(Errors(sql.Replace("'8'", "'4'")));
    }

    [Fact]
    public void A_stream_table_join_of_kafka_inputs_needs_no_co_partitioning()
    {
        // Every replica reads the whole table, so the stream may be partitioned any way.
        Assert.Empty(Errors("""
            SELECT o.id, i.name FROM orders o
            JOIN instruments i ON i.symbol = o.symbol
            WITH ('orders.type' = 'kafka_source', 'orders.partitions' = '4', 'instruments.type' = 'kafka_source', 'instruments.partitions' = '1')
            """));
    }

    [Fact]
    public void A_lookup_join_splits_its_condition_into_keys_and_a_residual()
    {
        var join = Plan("SELECT t.symbol FROM t LEFT JOIN u ON u.symbol = t.symbol AND u.active" + Kafka).Plan!.Find<LookupJoin>()!;

        Assert.Equal("t.symbol = u.symbol", string.Join(", ", join.Keys.Select(k => $"{k.Earlier} = {k.Joined}")));
        Assert.Equal("u.active", join.Residual!.ToString());
        Assert.True(join.LeftOuter);
        Assert.True(join.Table.IsTable);
    }

    [Fact]
    public void Order_by_a_column_the_output_does_not_have_is_located_at_the_order_item()
    {
        Assert.Equal(["app.sql:1:38: error: ORDER BY volume must name an output column"],
            Errors("SELECT symbol, price FROM t ORDER BY volume WITH ('t.type' = 'file_source', 't.path' = 'in.jsonl')"));
    }

    [Fact]
    public void A_lag_offset_out_of_range_is_located_at_the_offset()
    {
        Assert.Equal(["app.sql:1:19: error: LAG offset must be an integer literal from 1 to 100000"],
            Errors("SELECT LAG(price, 0) OVER (PARTITION BY symbol) AS p FROM t" + Kafka));
    }

    [Fact]
    public void A_column_missing_from_a_csv_header_is_located_where_the_query_reads_it()
    {
        var csv = new SourceSchema(PayloadFormat.Csv, ["symbol", "price"], IsBounded: true, IsFile: true);

        var result = Plan("SELECT symbol, volume FROM t" + Kafka, [csv]);

        Assert.Equal(["app.sql:1:16: error: column 'volume' is not in the CSV header of source 't' (symbol, price)"], result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Join_keys_of_unqualified_columns_wait_for_a_csv_header_and_are_found_with_it()
    {
        const string sql = "SELECT t.symbol, u.name FROM t JOIN u ON symbol = u.symbol WITH ('t.type' = 'file_source', 't.path' = 't.csv', 't.format' = 'csv', 'u.type' = 'kafka_source')";
        var csv = new SourceSchema(PayloadFormat.Csv, ["symbol", "price"], IsBounded: true, IsFile: true);

        Assert.Empty(Errors(sql));
        var join = Plan(sql, [csv, new SourceSchema(PayloadFormat.Json, null, IsBounded: false, IsFile: false)]).Plan!.Find<LookupJoin>()!;
        Assert.Equal("symbol = u.symbol", string.Join(", ", join.Keys.Select(k => $"{k.Earlier} = {k.Joined}")));
    }

    [Fact]
    public void Select_star_over_a_csv_header_expands_to_its_columns_and_over_json_passes_through()
    {
        var csv = new SourceSchema(PayloadFormat.Csv, ["symbol", "price"], IsBounded: true, IsFile: true);

        Assert.Equal(["symbol", "price"], Plan("SELECT * FROM t" + Kafka, [csv]).Plan!.OutputColumns);
        Assert.Null(Plan("SELECT * FROM t" + Kafka).Plan!.OutputColumns);
    }
}
