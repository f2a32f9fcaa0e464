using Velostream.Engine.Connectors;
using Velostream.Engine.Execution.Aggregates;
using Velostream.Engine.Execution.Csv;
using Velostream.Engine.Execution.Decoding;
using Velostream.Engine.Execution.Expressions;
using Velostream.Engine.Execution.Json;
using Velostream.Engine.Execution.Operators;
using Velostream.Engine.Execution.Operators.Aggregation;
using Velostream.Engine.Execution.Operators.Joins;
using Velostream.Engine.Execution.Output;
using Velostream.Engine.Execution.Operators.Windows;
using Velostream.Engine.Execution.RowFunctions;
using Velostream.Engine.Execution.State;
using Velostream.Engine.Execution.Values;
using Velostream.Engine.Sql;
using Velostream.Engine.Sql.Ast;
using Velostream.Engine.Sql.Validation;

namespace Velostream.Engine.Execution.Planning;

/// <summary>
/// Turns a validated statement into a <see cref="QueryExecutor"/>: decides each source's role
/// (stream or table), the fields each source must decode (only those the query reads), the slot
/// of every field in the row, and compiles every expression against that layout. Entry point for
/// the job runner and for in-process use (benchmarks, tests).
/// </summary>
internal static class SqlJobCompiler
{
    /// <summary>Parses, validates and compiles the first statement of <paramref name="sql"/> (benchmarks, tests).</summary>
    public static CompileResult CompileText(string sql, JobOptions options, IReadOnlyList<SourceShape> shapes, OutputTarget output, JobStats? stats = null)
    {
        var check = SqlFrontEnd.Check(sql, "<sql>");
        if (!check.Succeeded)
        {
            return new CompileResult(null, string.Join(Environment.NewLine, check.Diagnostics));
        }
        return Compile(check.Statements[0], options, shapes, output, stats ?? new JobStats());
    }

    /// <summary>The output column names in SELECT order (null for SELECT * over JSON, whose columns are the input's).</summary>
    public static IReadOnlyList<string>? OutputColumns(BoundStatement bound, IReadOnlyList<SourceShape> shapes)
    {
        var columns = new List<string>();
        var sources = bound.Sources;
        foreach (var item in bound.Statement.Query.Items)
        {
            switch (item)
            {
                case ExpressionItem e:
                    columns.Add(e.OutputName);
                    break;
                case WildcardItem w:
                    for (var i = 0; i < sources.Count; i++)
                    {
                        if (w.Qualifier is not null && !Matches(sources[i], w.Qualifier)) continue;
                        if (shapes[i].Columns is not { } csv) return null;
                        columns.AddRange(csv);
                    }
                    break;
            }
        }
        return columns;
    }

    /// <summary>
    /// Why the query's <c>SELECT *</c> cannot be written, or null. Over JSON the columns are not
    /// known before records arrive, so <c>*</c> can only pass each object through whole: as the
    /// first item of a one-source query, into JSON.
    /// </summary>
    public static string? WildcardProblem(BoundStatement bound, IReadOnlyList<SourceShape> shapes, PayloadFormat sinkFormat)
    {
        var items = bound.Statement.Query.Items;
        if (!items.OfType<WildcardItem>().Any() || OutputColumns(bound, shapes) is not null)
        {
            return null;
        }
        if (bound.Sources.Count > 1 || items[0] is not WildcardItem || items.OfType<WildcardItem>().Count() > 1)
        {
            return "SELECT * over a JSON source must be the first item and the query must read one source; list the columns instead";
        }
        return sinkFormat == PayloadFormat.Csv
            ? "SELECT * over a JSON source cannot write CSV (its columns are not known); list the columns instead"
            : null;
    }

    public static CompileResult Compile(BoundStatement bound, JobOptions options, IReadOnlyList<SourceShape> shapes, OutputTarget output, JobStats stats)
    {
        try
        {
            return new Builder(bound, options, shapes, output, stats).Build();
        }
        catch (PlanException e)
        {
            return new CompileResult(null, e.Message);
        }
    }

    /// <summary>A statement's job name: <c>-- @name:</c>, else its target, else <c>select_N</c> (N = its position in the file).</summary>
    public static string JobName(BoundStatement bound, int index) => bound.Statement.JobName ?? $"select_{index + 1}";

    private static bool Matches(SourceRef source, string qualifier) =>
        string.Equals(source.EffectiveAlias, qualifier, StringComparison.OrdinalIgnoreCase)
        || string.Equals(source.Name.Name, qualifier, StringComparison.OrdinalIgnoreCase);

    private sealed class PlanException(string message) : Exception(message);

    private sealed class Builder(BoundStatement bound, JobOptions options, IReadOnlyList<SourceShape> shapes, OutputTarget output, JobStats stats)
    {
        private readonly SelectQuery _query = bound.Statement.Query;
        private readonly IReadOnlyList<SourceRef> _sources = bound.Sources;
        private readonly List<string>[] _fields = [.. bound.Sources.Select(_ => new List<string>())];
        private int[] _offsets = [];
        private readonly List<(FunctionCall Call, string Key)> _aggregateCalls = [];
        private readonly List<string> _groupKeys = [];
        private readonly Dictionary<FunctionCall, int> _rowSlots = new(ReferenceEqualityComparer.Instance);
        // Every operator's keyed state; the executor flushes them at each commit.
        private readonly InMemoryStateStores _stores = new();
        private readonly string _jobName = bound.Statement.JobName ?? options.JobName ?? "select";

        public CompileResult Build()
        {
            if (_query.Distinct) throw new PlanException("SELECT DISTINCT is not supported by the streaming engine");
            var roles = Roles();
            RegisterFields();
            _offsets = new int[_sources.Count];
            var total = 0;
            for (var i = 0; i < _sources.Count; i++)
            {
                _offsets[i] = total;
                total += _fields[i].Count;
            }
            var rowCalls = _query.Items.OfType<ExpressionItem>()
                .SelectMany(i => ExprWalker.DescendantsAndSelf(i.Expression))
                .OfType<FunctionCall>()
                .Where(c => c.Over is not null && RowFunctionKinds.IsRowFunction(c.Name))
                .ToList();
            foreach (var call in rowCalls)
            {
                _rowSlots[call] = total++;
            }
            var sourceRuntimes = new SourceRuntime[_sources.Count];
            for (var i = 0; i < _sources.Count; i++)
            {
                var eventField = EventTimeField(i);
                sourceRuntimes[i] = new SourceRuntime(i, _sources[i].Name.Name, roles[i], Decoder(i),
                    _offsets[i], eventField is null ? -1 : _offsets[i] + _fields[i].IndexOf(eventField), eventField, shapes[i].IsFile);
            }

            var jobName = _jobName;
            var job = new JobInfo(jobName, options.AppName, bound.Statement.SourceText, Operation(),
                [.. _sources.Select(s => s.Name.Name)], output.Sink.Name);
            var input = new ExpressionCompiler(ResolveInput);

            // Output columns and the encoder.
            var items = _query.Items;
            var jsonPassThrough = items.OfType<WildcardItem>().Any() && OutputColumns(bound, shapes) is null;
            if (WildcardProblem(bound, shapes, output.Format) is { } problem)
            {
                throw new PlanException(problem);
            }
            var names = new List<string>();
            var exprs = new List<Expr?>();
            var primaryKey = new List<int>();
            foreach (var item in items)
            {
                if (item is ExpressionItem e)
                {
                    if (e.IsPrimaryKey) primaryKey.Add(names.Count);
                    names.Add(e.OutputName);
                    exprs.Add(e.Expression);
                }
                else if (item is WildcardItem w && !jsonPassThrough)
                {
                    for (var i = 0; i < _sources.Count; i++)
                    {
                        if (w.Qualifier is not null && !Matches(_sources[i], w.Qualifier)) continue;
                        foreach (var column in shapes[i].Columns!)
                        {
                            names.Add(column);
                            exprs.Add(new ColumnRef(_sources[i].EffectiveAlias, column, w.Location));
                        }
                    }
                }
            }
            IRecordEncoder encoder = output.Format == PayloadFormat.Csv ? new CsvRecordEncoder(names) : new JsonRecordEncoder(names);
            var limit = _query.Limit is IntegerLiteral { Value: > 0 } l ? l.Value : long.MaxValue;
            var emitter = new OutputEmitter(job, encoder, output.Sink, options.Observer, limit, OrderKeys(names, exprs, jsonPassThrough));

            Evaluator? where = _query.Where is null ? null : input.Compile(_query.Where);
            GroupAggregator? aggregator = null;
            Evaluator[] project;
            var windowed = _query.Window is not null;
            if (bound.IsAggregating)
            {
                var keyExprs = _query.GroupBy.Select(Unalias).ToList();
                foreach (var k in keyExprs) _groupKeys.Add(ExprPrinter.MatchKey(k));
                foreach (var e in exprs) CollectAggregates(e!);
                if (_query.Having is not null) CollectAggregates(_query.Having);
                var specs = _aggregateCalls.Select(a => Spec(a.Call, input)).ToArray();
                var outputStage = new ExpressionCompiler(null!);
                outputStage = new ExpressionCompiler(e => ResolveOutput(e, outputStage));
                project = [.. exprs.Select(e => outputStage.Compile(e!))];
                var having = _query.Having is null ? null : outputStage.Compile(_query.Having);
                var folder = new GroupFolder([.. keyExprs.Select(input.Compile)], specs, options.Observer.IsActive ? options.LineageSampleSize : 0);
                var groupOutput = new GroupOutput(keyExprs.Count, specs.Length, having, project, [.. primaryKey], emitter);
                EmitPolicy emit = EmitMode() == Sql.Ast.EmitMode.Final ? new EmitFinal(groupOutput) : new EmitChanges(groupOutput);
                aggregator = new GroupAggregator(folder, Windows(folder, emit, groupOutput), groupOutput);
            }
            else
            {
                project = [.. exprs.Select(e => input.Compile(e!))];
            }
            // The chain of operators, built from its end: aggregation or (row functions →) projection,
            // after the filter, after the joins.
            IStreamOperator chain = aggregator is not null
                ? aggregator
                : new ProjectOperator(project, [.. primaryKey], emitter, jsonPassThrough ? new JsonObjectSplicer(names) : null);
            if (_rowSlots.Count > 0)
            {
                var specs = _rowSlots.Select(p => RowSpec(p.Key, p.Value, input)).ToArray();
                var id = new StateStoreId(_jobName, "row_functions", "lag_0", StateStoreId.Unpartitioned);
                chain = new RowFunctionOperator(specs,
                    [.. specs.Select((_, i) => _stores.KeyValueStore<RowPartition>(id with { Store = $"lag_{i}" }))],
                    _stores.KeyValueStore<PendingRows>(id with { Store = "lead" }), chain);
            }
            if (where is not null)
            {
                chain = new FilterOperator(where, chain);
            }
            var lookups = new List<LookupJoin>();
            var intervalJoin = false;
            for (var j = _query.Joins.Count - 1; j >= 0; j--)
            {
                var join = _query.Joins[j];
                if (join.Interval is { } interval)
                {
                    chain = BuildIntervalJoin(join, interval, input, chain);
                    intervalJoin = true;
                }
                else
                {
                    var lookup = new LookupJoin(BuildLookup(join, j + 1, input), chain);
                    lookups.Add(lookup);
                    chain = lookup;
                }
            }

            var executor = new QueryExecutor(job, stats, sourceRuntimes, chain, [.. lookups], _stores, aggregator is not null || intervalJoin, emitter,
                bound.Settings, windowed || intervalJoin, output.DeadLetters, options.Observer,
                options.Log ?? Console.Error, options.MaxLoggedFailures, options.Clock, Math.Max(total, 1));
            return new CompileResult(executor, null);
        }

        // ORDER BY sorts what is emitted together: a closing window's rows, every group at the end
        // (EMIT FINAL), or all rows of a query over bounded sources. It names output columns (by
        // name, alias, SELECT expression or position); elsewhere (EMIT CHANGES, unbounded streams) it has no effect.
        private OrderKey[]? OrderKeys(List<string> names, List<Expr?> exprs, bool passThrough)
        {
            if (_query.OrderBy.Count == 0) return null;
            var aggregating = bound.IsAggregating;
            var final = (_query.Emit?.Mode ?? (_query.Window is not null ? Sql.Ast.EmitMode.Final : Sql.Ast.EmitMode.Changes)) == Sql.Ast.EmitMode.Final;
            var bounded = shapes.Where((s, i) => i == 0 || _query.Joins[i - 1].Interval is not null).All(s => s.IsBounded);
            if (aggregating ? !final : !bounded) return null;
            if (passThrough) throw new PlanException("ORDER BY needs the output columns listed (not SELECT * over JSON)");
            var keys = new List<OrderKey>();
            foreach (var item in _query.OrderBy)
            {
                var slot = item.Expression switch
                {
                    IntegerLiteral { Value: >= 1 } n when n.Value <= names.Count => (int)n.Value - 1,
                    ColumnRef { Qualifier: null } c when names.FindIndex(x => x.Equals(c.Name, StringComparison.OrdinalIgnoreCase)) is var i and >= 0 => i,
                    var e => exprs.FindIndex(x => x is not null && ExprPrinter.MatchKey(x) == ExprPrinter.MatchKey(Unalias(e))),
                };
                if (slot < 0)
                {
                    throw new PlanException($"ORDER BY {item.Expression} must name an output column");
                }
                keys.Add(new OrderKey(slot, item.Descending));
            }
            return [.. keys];
        }

        private SourceRole[] Roles()
        {
            var roles = new SourceRole[_sources.Count];
            roles[0] = SourceRole.Stream;
            var intervalJoins = _query.Joins.Count(j => j.Interval is not null);
            if (intervalJoins > 0 && _query.Joins.Count > 1)
            {
                throw new PlanException("a stream–stream interval join cannot be combined with other joins in one query");
            }
            for (var j = 0; j < _query.Joins.Count; j++)
            {
                var join = _query.Joins[j];
                if (join.Kind is JoinKind.Right or JoinKind.Full)
                {
                    throw new PlanException($"{join.Kind.ToString().ToUpperInvariant()} JOIN is not supported (use INNER or LEFT JOIN)");
                }
                roles[j + 1] = join.Interval is null ? SourceRole.Table : SourceRole.Stream;
            }
            return roles;
        }

        private IRecordDecoder Decoder(int i)
        {
            if (shapes[i].Format == PayloadFormat.Csv)
            {
                var columns = shapes[i].Columns ?? throw new PlanException($"CSV source '{_sources[i].Name.Name}' has no header row");
                var missing = _fields[i].FirstOrDefault(f => !columns.Contains(f, StringComparer.OrdinalIgnoreCase));
                if (missing is not null)
                {
                    throw new PlanException($"column '{missing}' is not in the CSV header of source '{_sources[i].Name.Name}' ({string.Join(", ", columns)})");
                }
                return new CsvRecordDecoder(_fields[i], columns);
            }
            return new JsonRecordDecoder(_fields[i]);
        }

        // Every source field any expression reads, so each source decodes exactly those.
        private void RegisterFields()
        {
            var expressions = new List<Expr>();
            expressions.AddRange(_query.Items.OfType<ExpressionItem>().Select(i => i.Expression));
            expressions.AddRange(_query.Joins.Select(j => j.Condition));
            if (_query.Where is not null) expressions.Add(_query.Where);
            expressions.AddRange(_query.GroupBy);
            if (_query.Having is not null) expressions.Add(_query.Having);
            if (_query.Window?.TimeColumn is { } tc) expressions.Add(tc);
            foreach (var expr in expressions)
            {
                foreach (var column in ExprWalker.DescendantsAndSelf(expr).OfType<ColumnRef>())
                {
                    if (column.IsSystem) continue;
                    foreach (var s in SourcesOf(column))
                    {
                        Field(s, column.Name);
                    }
                }
            }
            foreach (var w in _query.Items.OfType<WildcardItem>())
            {
                for (var i = 0; i < _sources.Count; i++)
                {
                    if (w.Qualifier is not null && !Matches(_sources[i], w.Qualifier)) continue;
                    foreach (var c in shapes[i].Columns ?? [])
                    {
                        Field(i, c);
                    }
                }
            }
            for (var i = 0; i < _sources.Count; i++)
            {
                if (EventTimeField(i) is { } f) Field(i, f);
            }
        }

        private int Field(int source, string name)
        {
            var list = _fields[source];
            var index = list.IndexOf(name);
            if (index >= 0) return index;
            list.Add(name);
            return list.Count - 1;
        }

        // The sources a column may come from: its bound source, or for an unqualified name in a join
        // the sources whose CSV header has it (any source when schemaless JSON).
        private List<int> SourcesOf(ColumnRef column)
        {
            if (bound.Bindings.TryGetValue(column, out var binding))
            {
                switch (binding.Kind)
                {
                    case ColumnBindingKind.Source:
                        return [binding.SourceIndex];
                    case ColumnBindingKind.SelectAlias:
                        return [];
                }
            }
            else if (column.Qualifier is { } qualifier)
            {
                for (var i = 0; i < _sources.Count; i++)
                {
                    if (Matches(_sources[i], qualifier)) return [i];
                }
                throw new PlanException($"unknown source or alias '{qualifier}'");
            }
            var known = Enumerable.Range(0, _sources.Count).Where(i => shapes[i].Columns?.Contains(column.Name, StringComparer.OrdinalIgnoreCase) == true).ToList();
            if (known.Count > 0) return [known[0]];
            return [.. Enumerable.Range(0, _sources.Count).Where(i => shapes[i].Columns is null)];
        }

        private string? EventTimeField(int i)
        {
            var config = i < bound.SourceConfigs.Count ? bound.SourceConfigs[i] : null;
            if (config?.Get("event.time.field") is { Length: > 0 } explicitField) return explicitField;
            if (_query.Window?.TimeColumn is { IsSystem: false } windowColumn && SourcesOf(windowColumn).FirstOrDefault(-1) == i)
            {
                return windowColumn.Name;
            }
            foreach (var join in _query.Joins)
            {
                if (join.Interval is not { } interval) continue;
                foreach (var c in new[] { interval.Subject, interval.Anchor })
                {
                    if (!c.IsSystem && SourcesOf(c).FirstOrDefault(-1) == i) return c.Name;
                }
            }
            return null;
        }

        private static RowFunctionSpec RowSpec(FunctionCall call, int slot, ExpressionCompiler input)
        {
            var offset = call.Arguments.Count > 1
                ? call.Arguments[1] is IntegerLiteral { Value: >= 1 and <= 100_000 } n ? (int)n.Value : throw new PlanException($"{call.Name} offset must be an integer literal from 1 to 100000")
                : 1;
            var over = call.Over!;
            return new RowFunctionSpec(
                call.Name.Equals("LEAD", StringComparison.OrdinalIgnoreCase),
                input.Compile(call.Arguments[0]),
                offset,
                call.Arguments.Count > 2 ? input.Compile(call.Arguments[2]) : null,
                [.. over.PartitionBy.Select(input.Compile)],
                (int)Math.Clamp(over.BufferRows ?? 1000, offset, 1_000_000),
                slot);
        }

        private Evaluator? ResolveInput(Expr expr)
        {
            if (expr is FunctionCall { Over: not null } rowCall && _rowSlots.TryGetValue(rowCall, out var rowSlot))
            {
                return new SlotEvaluator(rowSlot);
            }
            if (expr is not ColumnRef column) return null;
            if (column.IsSystem) return null;
            if (bound.Bindings.TryGetValue(column, out var binding) && binding.Kind == ColumnBindingKind.SelectAlias)
            {
                return new ExpressionCompiler(ResolveInput).Compile(binding.Item!.Expression);
            }
            var slots = SourcesOf(column).Select(s => _offsets[s] + _fields[s].IndexOf(column.Name)).ToArray();
            return slots.Length switch
            {
                0 => throw new PlanException($"column '{column}' matches no source"),
                1 => new SlotEvaluator(slots[0]),
                _ => new CoalesceEvaluator([.. slots.Select(s => (Evaluator)new SlotEvaluator(s))]),
            };
        }

        private Expr Unalias(Expr expr) =>
            expr is ColumnRef c && bound.Bindings.TryGetValue(c, out var b) && b.Kind == ColumnBindingKind.SelectAlias
                ? b.Item!.Expression
                : expr;

        private void CollectAggregates(Expr expr)
        {
            if (expr is FunctionCall call && call.Over is null && AggregateFunctions.IsAggregate(call.Name))
            {
                var key = ExprPrinter.MatchKey(call);
                if (!_aggregateCalls.Any(a => a.Key == key)) _aggregateCalls.Add((call, key));
                return;
            }
            if (expr is ColumnRef c && bound.Bindings.TryGetValue(c, out var b) && b.Kind == ColumnBindingKind.SelectAlias)
            {
                CollectAggregates(b.Item!.Expression);
                return;
            }
            foreach (var child in ExprWalker.Children(expr))
            {
                CollectAggregates(child);
            }
        }

        private static AggregateSpec Spec(FunctionCall call, ExpressionCompiler input)
        {
            var kind = AggregateFunctions.Resolve(call.Name, call.IsStar, call.Distinct)
                ?? throw new PlanException($"unknown aggregate {call.Name}");
            return new AggregateSpec(kind, call.Name.ToUpperInvariant(), call.IsStar || call.Arguments.Count == 0 ? null : input.Compile(call.Arguments[0]));
        }

        // Output stage: rows are [group keys..., aggregate results...] plus the window bounds.
        private Evaluator? ResolveOutput(Expr expr, ExpressionCompiler self)
        {
            var match = ExprPrinter.MatchKey(expr);
            var k = _groupKeys.IndexOf(match);
            if (k >= 0) return new SlotEvaluator(k);
            if (expr is FunctionCall call)
            {
                if (call.Over is null && AggregateFunctions.IsAggregate(call.Name))
                {
                    var a = _aggregateCalls.FindIndex(x => x.Key == match);
                    return new SlotEvaluator(_groupKeys.Count + a);
                }
                if (call.Name.Equals("TUMBLE_START", StringComparison.OrdinalIgnoreCase)) return new SystemColumnEvaluator(SystemColumn.WindowStart);
                if (call.Name.Equals("TUMBLE_END", StringComparison.OrdinalIgnoreCase)) return new SystemColumnEvaluator(SystemColumn.WindowEnd);
                return null;
            }
            if (expr is ColumnRef column)
            {
                if (column.IsSystem) return null;
                if (bound.Bindings.TryGetValue(column, out var binding) && binding.Kind == ColumnBindingKind.SelectAlias)
                {
                    return self.Compile(binding.Item!.Expression);
                }
                // A grouped column written with another qualifier (GROUP BY symbol, SELECT t.symbol).
                for (var i = 0; i < _query.GroupBy.Count; i++)
                {
                    if (Unalias(_query.GroupBy[i]) is ColumnRef g && g.Name.Equals(column.Name, StringComparison.OrdinalIgnoreCase))
                    {
                        return new SlotEvaluator(i);
                    }
                }
                throw new PlanException($"column '{column}' must appear in GROUP BY or be used in an aggregate function");
            }
            return null;
        }

        private WindowStrategy Windows(GroupFolder folder, EmitPolicy emit, GroupOutput groupOutput)
        {
            var id = new StateStoreId(_jobName, "aggregate", "groups", StateStoreId.Unpartitioned);
            return _query.Window switch
            {
                TumblingWindow t => new TumblingWindows(folder, emit, groupOutput, _stores.KeyValueStore<GroupState>(id), Ms(t.Size)),
                SlidingWindow s => new SlidingWindows(folder, emit, groupOutput, _stores.KeyValueStore<GroupState>(id), Ms(s.Size), Ms(s.Advance)),
                SessionWindow s => new SessionWindows(folder, emit, groupOutput, _stores.KeyValueStore<List<Session>>(id with { Store = "sessions" }), Ms(s.Gap)),
                _ => new ContinuousGroups(folder, emit, groupOutput, _stores.KeyValueStore<GroupState>(id)),
            };
        }

        private EmitMode EmitMode() => _query.Emit?.Mode ?? (_query.Window is not null ? Sql.Ast.EmitMode.Final : Sql.Ast.EmitMode.Changes);

        private static long Ms(TimeSpan span)
        {
            var ms = (long)span.TotalMilliseconds;
            return ms > 0 ? ms : throw new PlanException("window sizes must be positive");
        }

        private string Operation() =>
            _query.Joins.Count > 0 ? "JOIN" : bound.IsAggregating ? (_query.Window is not null ? "WINDOW" : "GROUP BY") : "SELECT";

        private LookupTable BuildLookup(JoinClause join, int s, ExpressionCompiler input)
        {
            var tableKeys = new List<Evaluator>();
            var streamKeys = new List<Evaluator>();
            var residual = new List<Expr>();
            foreach (var conjunct in Conjuncts(join.Condition))
            {
                if (conjunct is BinaryExpr { Operator: BinaryOperator.Equal } eq)
                {
                    var left = Referenced(eq.Left);
                    var right = Referenced(eq.Right);
                    if (left is [var l] && l == s && right.Count > 0 && right.All(r => r < s))
                    {
                        tableKeys.Add(input.Compile(eq.Left));
                        streamKeys.Add(input.Compile(eq.Right));
                        continue;
                    }
                    if (right is [var r2] && r2 == s && left.Count > 0 && left.All(x => x < s))
                    {
                        tableKeys.Add(input.Compile(eq.Right));
                        streamKeys.Add(input.Compile(eq.Left));
                        continue;
                    }
                }
                residual.Add(conjunct);
            }
            if (tableKeys.Count == 0)
            {
                throw new PlanException($"JOIN {join.Right.Name.Name} needs an equality between its columns and the stream's in ON (for example a.symbol = {join.Right.EffectiveAlias}.symbol)");
            }
            return new LookupTable(s, _offsets[s], _fields[s].Count, [.. tableKeys], [.. streamKeys],
                residual.Count == 0 ? null : input.Compile(And(residual)), join.Kind == JoinKind.Left,
                _stores.KeyValueStore<List<SqlValue[]>>(new StateStoreId(_jobName, $"lookup_join_{s}", "table", StateStoreId.Unpartitioned)));
        }

        private IntervalJoin BuildIntervalJoin(JoinClause join, JoinInterval interval, ExpressionCompiler input, IStreamOperator next)
        {
            var keys = new[] { new List<Evaluator>(), new List<Evaluator>() };
            var residual = new List<Expr>();
            foreach (var conjunct in Conjuncts(join.Condition))
            {
                // The time bound is checked natively (it also accepts epoch-millisecond numbers).
                if (conjunct is BetweenExpr between && ReferenceEquals(between.Operand, interval.Subject)) continue;
                if (conjunct is BinaryExpr { Operator: BinaryOperator.Equal } eq)
                {
                    var left = Referenced(eq.Left);
                    var right = Referenced(eq.Right);
                    if (left is [0] && right is [1])
                    {
                        keys[0].Add(input.Compile(eq.Left));
                        keys[1].Add(input.Compile(eq.Right));
                        continue;
                    }
                    if (left is [1] && right is [0])
                    {
                        keys[0].Add(input.Compile(eq.Right));
                        keys[1].Add(input.Compile(eq.Left));
                        continue;
                    }
                }
                residual.Add(conjunct);
            }
            if (keys[0].Count == 0)
            {
                throw new PlanException($"the interval join with {join.Right.Name.Name} needs an equality between the two streams' columns in ON");
            }
            var subjectSide = SourcesOf(interval.Subject).FirstOrDefault(-1);
            var anchorSide = SourcesOf(interval.Anchor).FirstOrDefault(-1);
            if (subjectSide < 0 || anchorSide < 0 || subjectSide == anchorSide)
            {
                throw new PlanException("the BETWEEN of an interval join must compare a time column of each stream");
            }
            var times = new Evaluator[2];
            times[subjectSide] = input.Compile(interval.Subject);
            times[anchorSide] = input.Compile(interval.Anchor);
            return new IntervalJoin([[.. keys[0]], [.. keys[1]]], times, [_offsets[0], _offsets[1]], [_fields[0].Count, _fields[1].Count],
                subjectSide, (long)interval.Lower.TotalMilliseconds, (long)interval.Upper.TotalMilliseconds,
                residual.Count == 0 ? null : input.Compile(And(residual)), join.Kind == JoinKind.Left,
                [Buffer("left"), Buffer("right")], next);

            IKeyValueStore<List<BufferedRow>> Buffer(string side) =>
                _stores.KeyValueStore<List<BufferedRow>>(new StateStoreId(_jobName, "interval_join", side, StateStoreId.Unpartitioned));
        }

        private List<int> Referenced(Expr expr) =>
            [.. ExprWalker.DescendantsAndSelf(expr).OfType<ColumnRef>().Where(c => !c.IsSystem).SelectMany(SourcesOf).Distinct().Order()];

        private static IEnumerable<Expr> Conjuncts(Expr expr)
        {
            if (expr is BinaryExpr { Operator: BinaryOperator.And } and)
            {
                foreach (var c in Conjuncts(and.Left)) yield return c;
                foreach (var c in Conjuncts(and.Right)) yield return c;
            }
            else
            {
                yield return expr;
            }
        }

        private static Expr And(List<Expr> parts) =>
            parts.Skip(1).Aggregate(parts[0], (a, b) => new BinaryExpr(BinaryOperator.And, a, b, a.Location));
    }
}
