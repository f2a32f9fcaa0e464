using Velostream.Engine.Execution.Operators.Aggregates;
using Velostream.Engine.Execution.Operators.Aggregates.States;
using Velostream.Engine.Execution.State.Codecs;
using Velostream.Engine.Execution.Values;

namespace Velostream.Tests.Execution.Operators.Aggregates;

/// <summary>A reset aggregate state (a closed window's group reused for a new one) behaves as a newly created one.</summary>
public sealed class AggregateResetTests
{
    // Every kind of value an aggregate may be fed, NULLs included; text longer than an owned buffer's first size.
    private static readonly SqlValue[] Before =
    [
        SqlValue.FromLong(long.MaxValue), SqlValue.FromDecimal(12.5m), SqlValue.Null, SqlValue.FromDouble(-3.25),
        SqlValue.FromString("a rather long text, longer than sixteen bytes"), SqlValue.FromLong(7),
    ];

    private static readonly SqlValue[] After = [SqlValue.FromLong(4), SqlValue.Null, SqlValue.FromLong(9), SqlValue.FromLong(2)];

    private static readonly SqlValue[] AfterText = [SqlValue.FromString("pear"), SqlValue.Null, SqlValue.FromString("fig")];

    public static TheoryData<string> Kinds => [.. Enum.GetNames<AggregateKind>()];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_reset_state_folds_like_a_new_one(string name)
    {
        var kind = Enum.Parse<AggregateKind>(name);
        var spec = kind switch
        {
            AggregateKind.StringAgg => new AggregateSpec(kind, "LISTAGG", null, Parameter: SqlValue.FromString(";")),
            AggregateKind.PercentileCont => new AggregateSpec(kind, "PERCENTILE_CONT", null, Parameter: SqlValue.FromDouble(0.5)),
            _ => new AggregateSpec(kind, kind.ToString(), null),
        };
        var numeric = AggregateFunctions.NeedsNumber(kind);
        var reused = AggregateFunctions.Create(spec);
        Fold(reused, numeric ? [.. Before.Where(v => v.IsNumeric || v.IsNull)] : Before, 1);
        reused.Reset();
        var fresh = AggregateFunctions.Create(spec);
        Assert.Equal(Encoded(fresh), Encoded(reused));
        Assert.Equal(fresh.Result().ToString(), reused.Result().ToString());

        var values = numeric || kind is AggregateKind.Sum or AggregateKind.Avg ? After : [.. After, .. AfterText];
        Fold(reused, values, 100);
        Fold(fresh, values, 100);
        Assert.Equal(Encoded(fresh), Encoded(reused));
        Assert.Equal(fresh.Result().Kind, reused.Result().Kind);
        Assert.Equal(fresh.Result().ToString(), reused.Result().ToString());
    }

    [Fact]
    public void A_reused_group_has_its_new_key_and_no_trace_of_the_old_group()
    {
        AggregateSpec[] specs = [new(AggregateKind.CountStar, "COUNT", null), new(AggregateKind.Max, "MAX", null)];
        var group = GroupState.Copying([SqlValue.FromString("a long first key, longer than sixteen")], specs, sampleSize: 4, firstSeen: 3);
        group.States[0].Add(SqlValue.True, 3);
        group.States[1].Add(SqlValue.FromLong(99), 3);
        group.LastSeen = 5;
        group.LastEventTimeMs = 1000;
        group.Sample.Add(new Velostream.Engine.Execution.Lineage.InputSample("t", 0, 1, 1, null, null));

        group.Reuse([SqlValue.FromString("b")], firstSeen: 8);

        var fresh = GroupState.Copying([SqlValue.FromString("b")], specs, sampleSize: 4, firstSeen: 8);
        var codec = new GroupStateCodec(specs, sampleSize: 4);
        Assert.Equal(Encoded(codec, fresh), Encoded(codec, group));
        Assert.Equal("b", group.Keys[0].AsString());
        Assert.Equal(0, group.Sample.TotalInputs);
        Assert.Empty(group.Sample.Items);
    }

    private static void Fold(AggregateState state, IReadOnlyList<SqlValue> values, long firstSequence)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (state is CorrState) state.AddPair(values[i], values[(i + 1) % values.Count], firstSequence + i);
            else state.Add(values[i], firstSequence + i);
        }
    }

    private static byte[] Encoded(AggregateState state)
    {
        var writer = new StateWriter();
        state.Write(writer);
        return writer.Written.ToArray();
    }

    private static byte[] Encoded(GroupStateCodec codec, GroupState group)
    {
        var writer = new StateWriter();
        codec.Write(group, writer);
        return writer.Written.ToArray();
    }
}
