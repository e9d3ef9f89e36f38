using System;
using IlmEnergy.Firmware.Metering;

namespace IlmEnergy.Firmware.App
{
    /// <summary>
    /// Builds the metering driver for a board from glue objects the caller opened for that board
    /// (a UART link, or two pulse counters and the SEL output). Kept free of nanoFramework APIs so the
    /// choice of driver and its options is tested on the host.
    /// </summary>
    public static class MeterSetup
    {
        /// <summary>Name of the calibration record on the I: drive (Calibration.ToRecord, 40 bytes).</summary>
        public const string CalibrationFileName = "calibration.bin";

        /// <summary>
        /// The stored calibration when <paramref name="record"/> is valid for the board's chip, otherwise the
        /// board's defaults (readings then carry the Uncalibrated flag).
        /// </summary>
        public static Calibration ChooseCalibration(BoardPins board, byte[] record)
        {
            return Calibration.FromRecordOrDefaults(record, board.DefaultCalibration());
        }

        /// <summary>
        /// Returns the driver for <paramref name="board"/>. Throws ArgumentException naming what is missing
        /// when the glue does not fit the board (for example a BL0937 board on an ESP32-C3, which has no PCNT).
        /// </summary>
        public static IMeter Create(BoardPins board, Calibration calibration, ISerialLink link, IPulseCounter cf, IPulseCounter cf1, IDigitalOutput sel)
        {
            if (board == null || calibration == null)
            {
                throw new ArgumentNullException(board == null ? "board" : "calibration");
            }

            if (calibration.Chip != board.Chip)
            {
                throw new ArgumentException("calibration is for another chip than the board's meter");
            }

            switch (board.Chip)
            {
                case MeterChip.Bl0942:
                    if (link == null)
                    {
                        throw new ArgumentException("BL0942 needs a serial link on " + board.UartPort);
                    }

                    Bl0942Options bl0942 = new Bl0942Options();
                    bl0942.Address = board.MeterAddress;
                    return new Bl0942Meter(link, calibration, bl0942);

                case MeterChip.Cse7766:
                    if (link == null)
                    {
                        throw new ArgumentException("CSE7766 needs a serial link on " + board.UartPort);
                    }

                    return new Cse7766Meter(link, calibration, new Cse7766Options());

                case MeterChip.Bl0937:
                    if (board.IsEsp32C3)
                    {
                        throw new ArgumentException("BL0937 needs the hardware pulse counter, which the ESP32-C3 lacks");
                    }

                    if (cf == null || cf1 == null || sel == null)
                    {
                        throw new ArgumentException("BL0937 needs CF and CF1 pulse counters and the SEL output");
                    }

                    Bl0937Options bl0937 = new Bl0937Options();
                    bl0937.SelInverted = board.SelInverted;
                    return new Bl0937Meter(cf, cf1, sel, calibration, bl0937);

                default:
                    throw new ArgumentException("board has no supported meter chip");
            }
        }
    }
}
