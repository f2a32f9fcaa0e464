
namespace Velostream.Engine.Execution.Expressions;

internal enum ArithmeticOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulo,
}
