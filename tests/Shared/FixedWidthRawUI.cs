using System;
using System.Management.Automation.Host;

namespace OpenClaw.Tests.Shared
{
    /// <summary>
    /// The window the formatter asks about, of a fixed width, so Out-Default lays tables out as a terminal of that
    /// many columns would (the module's tables are made for 120). There is no screen behind it to read back.
    /// </summary>
    public sealed class FixedWidthRawUI : PSHostRawUserInterface
    {
        public FixedWidthRawUI(int width, string windowTitle)
        {
            BufferSize = new Size(width, 9999);
            MaxPhysicalWindowSize = new Size(width, 50);
            MaxWindowSize = new Size(width, 50);
            WindowSize = new Size(width, 50);
            WindowTitle = windowTitle;
        }

        public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
        public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
        public override Size BufferSize { get; set; }
        public override Coordinates CursorPosition { get; set; }
        public override int CursorSize { get; set; }
        public override bool KeyAvailable => false;
        public override Size MaxPhysicalWindowSize { get; }
        public override Size MaxWindowSize { get; }
        public override Coordinates WindowPosition { get; set; }
        public override Size WindowSize { get; set; }
        public override string WindowTitle { get; set; }
        public override void FlushInputBuffer() { }
        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();
        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException("A test host never reads keys.");
        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
        public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
    }
}
