
namespace Velostream.Engine.Execution.State;

/// <summary>
/// Which state a store holds: of one operator of one job, for one input partition (the unit that
/// moves between replicas, Kafka Streams' task). <see cref="Store"/> tells the stores of one operator
/// apart (an interval join keeps one per side).
/// </summary>
internal sealed record StateStoreId(string Job, string Operator, string Store, int Partition)
{
    /// <summary>
    /// State not split by input partition: every record of the job shares it. What every store is
    /// today, since a job's inputs are not yet partitioned by the keys its operators group and join on.
    /// </summary>
    public const int Unpartitioned = -1;

    public override string ToString() => Partition == Unpartitioned ? $"{Job}/{Operator}/{Store}" : $"{Job}/{Operator}/{Store}[{Partition}]";
}
