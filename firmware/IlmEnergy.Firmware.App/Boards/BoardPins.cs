using System;
using IlmEnergy.Firmware.Metering;

namespace IlmEnergy.Firmware.App
{
    /// <summary>
    /// Pin map of one supported board, copied from hardware/boards/{id}.json (a host test compares every
    /// field with the JSON, so the two cannot drift apart). The plug has no JSON parser to spare, hence a
    /// static table. Pins are ESP32 GPIO numbers; <see cref="NoPin"/> marks an absent signal.
    /// </summary>
    public sealed class BoardPins
    {
        public const int NoPin = -1;

        private static BoardPins[] _all;

        private BoardPins()
        {
        }

        /// <summary>Board id = file name in hardware/boards without .json; reported in every batch.</summary>
        public string Id { get; private set; }

        /// <summary>True for the ESP32-C3 (no hardware pulse counter), false for the classic ESP32.</summary>
        public bool IsEsp32C3 { get; private set; }

        /// <summary>Target name for nanoff --update.</summary>
        public string NanoffTarget { get; private set; }

        public MeterChip Chip { get; private set; }

        /// <summary>UART meters: nanoFramework port name ("COM2", "COM3"); null for pulse meters.</summary>
        public string UartPort { get; private set; }

        public int UartBaud { get; private set; }

        public UartParity UartParity { get; private set; }

        public int UartStopBits { get; private set; }

        /// <summary>ESP32 TX (to the chip's RX); <see cref="NoPin"/> when the chip only transmits (CSE7766).</summary>
        public int UartTxPin { get; private set; }

        /// <summary>ESP32 RX (from the chip's TX).</summary>
        public int UartRxPin { get; private set; }

        /// <summary>BL0942 A1/A2 address (0–3).</summary>
        public int MeterAddress { get; private set; }

        /// <summary>BL0937 pulse pins; <see cref="NoPin"/> on UART boards.</summary>
        public int CfPin { get; private set; }

        public int Cf1Pin { get; private set; }

        public int SelPin { get; private set; }

        public bool SelInverted { get; private set; }

        /// <summary>BL0937 only: shunt in µΩ and voltage divider × 1000 (calibration defaults).</summary>
        public long ShuntMicroOhms { get; private set; }

        public long VoltageDividerMilli { get; private set; }

        public int RelayPin { get; private set; }

        /// <summary>True when driving the relay pin high closes the relay (load powered).</summary>
        public bool RelayActiveHigh { get; private set; }

        public int ButtonPin { get; private set; }

        /// <summary>True when a pressed button reads low.</summary>
        public bool ButtonPressedLow { get; private set; }

        public bool ButtonPullUp { get; private set; }

        /// <summary>Plain GPIO status LED; <see cref="NoPin"/> when the board only has WS2812 LEDs (not driven).</summary>
        public int StatusLedPin { get; private set; }

        /// <summary>True when the status LED lights with the pin low.</summary>
        public bool StatusLedInverted { get; private set; }

        /// <summary>Every supported board, in the order of hardware/README.md.</summary>
        public static BoardPins[] All
        {
            get
            {
                if (_all == null)
                {
                    _all = new BoardPins[] { ShellyPlugSGen3(), AthomPlugV3(), ShellyPlusPlugS(), Esp32DevkitBl0942() };
                }

                return _all;
            }
        }

        /// <summary>The board with this id, or null when the firmware does not know it.</summary>
        public static BoardPins Find(string id)
        {
            if (id == null)
            {
                return null;
            }

            BoardPins[] all = All;
            for (int i = 0; i < all.Length; i++)
            {
                if (all[i].Id == id)
                {
                    return all[i];
                }
            }

            return null;
        }

        /// <summary>Ids of all boards, comma separated (for "unknown board" messages).</summary>
        public static string KnownIds()
        {
            string ids = string.Empty;
            BoardPins[] all = All;
            for (int i = 0; i < all.Length; i++)
            {
                ids = i == 0 ? all[i].Id : ids + ", " + all[i].Id;
            }

            return ids;
        }

        /// <summary>The meter chip's name for log lines (nanoFramework's enum ToString() gives the number).</summary>
        public string ChipName
        {
            get
            {
                switch (Chip)
                {
                    case MeterChip.Bl0942: return "BL0942";
                    case MeterChip.Cse7766: return "CSE7766";
                    case MeterChip.Bl0937: return "BL0937";
                    default: return "none";
                }
            }
        }

        /// <summary>
        /// Calibration constants before a reference-load calibration: the chip defaults, or for BL0937 the
        /// ones derived from this board's shunt and divider.
        /// </summary>
        public Calibration DefaultCalibration()
        {
            if (Chip == MeterChip.Bl0937)
            {
                return Calibration.ForBl0937Circuit(ShuntMicroOhms, VoltageDividerMilli);
            }

            return Calibration.DefaultsFor(Chip);
        }

        private static BoardPins ShellyPlugSGen3()
        {
            BoardPins b = Uart("shelly-plug-s-gen3", true, "ESP32_C3_REV3", MeterChip.Bl0942, "COM2", 9600, UartParity.None, 7, 6);
            b.MeterAddress = 0;
            b.Controls(5, true, 18, true, true);
            return b; // LEDs: 4 x WS2812 on GPIO4, not driven
        }

        private static BoardPins AthomPlugV3()
        {
            BoardPins b = Uart("athom-plug-v3", true, "ESP32_C3_REV3", MeterChip.Cse7766, "COM2", 4800, UartParity.Even, NoPin, 20);
            b.Controls(5, true, 3, true, true);
            b.StatusLedPin = 6;
            b.StatusLedInverted = true;
            return b;
        }

        private static BoardPins ShellyPlusPlugS()
        {
            BoardPins b = Blank("shelly-plus-plug-s", false, "ESP32_REV3", MeterChip.Bl0937);
            b.CfPin = 10;
            b.Cf1Pin = 22;
            b.SelPin = 19;
            b.SelInverted = true;
            b.ShuntMicroOhms = 1000;
            b.VoltageDividerMilli = 1830000;
            b.Controls(4, true, 9, true, true);
            return b; // LEDs: WS2812 on GPIO25 and GPIO26, not driven
        }

        private static BoardPins Esp32DevkitBl0942()
        {
            BoardPins b = Uart("esp32-devkit-bl0942", false, "ESP32_REV3", MeterChip.Bl0942, "COM3", 4800, UartParity.None, 17, 16);
            b.MeterAddress = 0;
            b.Controls(23, true, 0, true, true);
            b.StatusLedPin = 2;
            b.StatusLedInverted = false;
            return b;
        }

        private static BoardPins Blank(string id, bool esp32C3, string nanoffTarget, MeterChip chip)
        {
            BoardPins b = new BoardPins();
            b.Id = id;
            b.IsEsp32C3 = esp32C3;
            b.NanoffTarget = nanoffTarget;
            b.Chip = chip;
            b.UartTxPin = NoPin;
            b.UartRxPin = NoPin;
            b.CfPin = NoPin;
            b.Cf1Pin = NoPin;
            b.SelPin = NoPin;
            b.StatusLedPin = NoPin;
            return b;
        }

        private static BoardPins Uart(string id, bool esp32C3, string nanoffTarget, MeterChip chip, string port, int baud, UartParity parity, int txPin, int rxPin)
        {
            if (chip == MeterChip.Bl0937)
            {
                throw new ArgumentException("BL0937 is a pulse meter");
            }

            BoardPins b = Blank(id, esp32C3, nanoffTarget, chip);
            b.UartPort = port;
            b.UartBaud = baud;
            b.UartParity = parity;
            b.UartStopBits = 1;
            b.UartTxPin = txPin;
            b.UartRxPin = rxPin;
            return b;
        }

        private void Controls(int relayPin, bool relayActiveHigh, int buttonPin, bool buttonPressedLow, bool buttonPullUp)
        {
            RelayPin = relayPin;
            RelayActiveHigh = relayActiveHigh;
            ButtonPin = buttonPin;
            ButtonPressedLow = buttonPressedLow;
            ButtonPullUp = buttonPullUp;
        }
    }
}
