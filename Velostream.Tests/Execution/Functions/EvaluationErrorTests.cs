using Velostream.Engine.Execution.InProcess;
using Velostream.Tests.Support;

namespace Velostream.Tests.Execution.Functions;

public sealed class EvaluationErrorTests
{
    [Theory]
    [InlineData("price / qty", "division by zero")]
    [InlineData("symbol + 1", "cannot apply '+' to VARCHAR and BIGINT")]
    [InlineData("CAST(symbol AS BIGINT)", "cannot cast 'AAPL' to BIGINT")]
    [InlineData("SQRT(0 - price)", "SQRT of a negative number")]
    public void A_failing_expression_fails_only_its_record(string expression, string reason)
    {
        var query = InProcessQuery.Create($"SELECT {expression} AS v FROM t {InProcess.Sources("t")}");
        query.Push("t", """{"symbol":"AAPL","price":10,"qty":0}""", """{"symbol":1,"price":0,"qty":2}""");
        query.Finish();
        Assert.Equal(1, query.Stats.RecordsFailed);
        Assert.Equal("t t[0]@1: " + reason, query.Stats.LastError);
        Assert.Equal(1, query.Stats.FailedByReason["evaluation_error"]);
        Assert.Single(query.Output.Lines);
    }
}
