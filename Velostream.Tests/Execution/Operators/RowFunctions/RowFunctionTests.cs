using Velostream.Tests.Support;

namespace Velostream.Tests.Execution.Operators.RowFunctions;

public sealed class RowFunctionTests
{
    private static readonly string[] Ticks =
    [
        """{"symbol":"A","price":10}""",
        """{"symbol":"B","price":20}""",
        """{"symbol":"A","price":11}""",
        """{"symbol":"A","price":13}""",
        """{"symbol":"B","price":19}""",
    ];

    [Fact]
    public void Lag_reads_earlier_rows_of_the_same_partition()
    {
        var output = InProcess.Run(
            $"SELECT symbol, price, LAG(price, 1) OVER (ROWS WINDOW BUFFER 10 ROWS PARTITION BY symbol ORDER BY _event_time) AS prev, " +
            $"LAG(price, 2, 0) OVER (ROWS WINDOW BUFFER 10 ROWS PARTITION BY symbol ORDER BY _event_time) AS prev2 FROM ticks {InProcess.Sources("ticks")}",
            "ticks", Ticks);
        Assert.Equal(
        [
            """{"symbol":"A","price":10,"prev":null,"prev2":0}""",
            """{"symbol":"B","price":20,"prev":null,"prev2":0}""",
            """{"symbol":"A","price":11,"prev":10,"prev2":0}""",
            """{"symbol":"A","price":13,"prev":11,"prev2":10}""",
            """{"symbol":"B","price":19,"prev":20,"prev2":0}""",
        ], output);
    }

    [Fact]
    public void Lead_holds_each_row_until_the_row_it_reads_arrives_or_the_input_ends()
    {
        var output = InProcess.Run(
            $"SELECT symbol, price, LEAD(price) OVER (PARTITION BY symbol) AS next FROM ticks {InProcess.Sources("ticks")}",
            "ticks", Ticks);
        Assert.Equal(
        [
            """{"symbol":"A","price":10,"next":11}""",
            """{"symbol":"A","price":11,"next":13}""",
            """{"symbol":"B","price":20,"next":19}""",
            """{"symbol":"A","price":13,"next":null}""",
            """{"symbol":"B","price":19,"next":null}""",
        ], output);
    }
}
