package io.hoptrace.correlator.internal.report;

/**
 * The timeline's page geometry and look: a light theme with one colour per kind of mark (the same colours in the
 * legend), system fonts only, so the file needs nothing from outside.
 */
final class TimelineStyle {
    static final double WIDTH = 1400;
    static final double MARGIN = 16;
    /** The label column: hop tuples and proxy names. */
    static final double LABEL_X = MARGIN;
    static final double LABEL_WIDTH = 300;
    /** Where time starts and ends on the page; right of PLOT_END there is room for end marks' labels. */
    static final double PLOT_START = 340;
    static final double PLOT_END = 1262;
    static final double RIGHT = WIDTH - MARGIN;

    static final double LANE_HEIGHT = 64;
    static final double GAP_HEIGHT = 46;
    /** Inside a lane, from its top: text row above, up bar, the connection line, down bar, text row below. */
    static final double ROW_ABOVE = 13;
    static final double UP_BAR_TOP = 17;
    static final double BAR_HEIGHT = 10;
    static final double LINE = 32;
    static final double DOWN_BAR_TOP = 37;
    static final double ROW_BELOW = 59;
    /** Inside a gap, from its top: the request dwell's text row, then the response dwell's. */
    static final double GAP_ROW_REQUEST = 17;
    static final double GAP_ROW_RESPONSE = 35;

    static final double FONT = 12;
    static final double FONT_SMALL = 10.5;
    static final double FONT_MONO = 11;

    static final String SANS = "'DejaVu Sans', Verdana, Arial, sans-serif";
    static final String MONO = "'DejaVu Sans Mono', Menlo, Consolas, monospace";

    static final String CSS = String.join("\n",
            "text{font-family:" + SANS + ";font-size:12px;fill:#212121}",
            ".mono{font-family:" + MONO + ";font-size:11px}",
            ".doc-title{font-size:18px;font-weight:bold}",
            ".trace-title{font-size:14px;font-weight:bold}",
            ".sub{fill:#555;font-size:11.5px}",
            ".hop-title{font-weight:bold}",
            ".small{font-size:10.5px}",
            ".note{fill:#616161;font-style:italic}",
            ".axis{fill:#666;font-size:10.5px}",
            ".axis-line{stroke:#9e9e9e;stroke-width:1}",
            ".grid{stroke:#e8e8e8;stroke-width:1}",
            ".trace-rule{stroke:#b0bec5;stroke-width:1}",
            ".lane-bg{fill:#f4f6f8;fill-opacity:0.6;stroke:#d5d9dd;stroke-width:1}",
            ".conn{stroke:#424242;stroke-width:2}",
            ".uncaptured{stroke:#9e9e9e;stroke-width:1.5;stroke-dasharray:6 4}",
            ".hs{fill:#d1c4e9;stroke:#7e57c2;stroke-width:1}",
            ".hs-tick{stroke:#4527a0;stroke-width:2}",
            ".up{fill:#1e88e5}",
            ".down{fill:#f57c00}",
            ".up-text{fill:#1565c0;font-size:10.5px}",
            ".down-text{fill:#bf4600;font-size:10.5px}",
            ".fin-flag{fill:#2e7d32}",
            ".fin-stem{stroke:#2e7d32;stroke-width:2}",
            ".fin-text{fill:#2e7d32;font-size:10.5px;font-weight:bold}",
            ".rst-line{stroke:#d50000;stroke-width:3}",
            ".rst-head{fill:#d50000}",
            ".rst-text{fill:#d50000;font-weight:bold}",
            ".open-line{stroke:#757575;stroke-width:2;stroke-dasharray:5 4}",
            ".open-head{fill:#757575}",
            ".dwell-request{fill:#90caf9;fill-opacity:0.45;stroke:#1e88e5;stroke-width:1}",
            ".dwell-response{fill:#ffcc80;fill-opacity:0.55;stroke:#f57c00;stroke-width:1}",
            ".dwell-request-arrow{stroke:#1565c0;stroke-width:1.5}",
            ".dwell-response-arrow{stroke:#bf4600;stroke-width:1.5}",
            ".dwell-request-head{fill:#1565c0}",
            ".dwell-response-head{fill:#bf4600}",
            ".dwell-request-text{fill:#0d47a1;font-size:10.5px}",
            ".dwell-response-text{fill:#a13c00;font-size:10.5px}",
            ".proxy-box{fill:#eceff1;stroke:#90a4ae;stroke-width:1}",
            ".failed-text{fill:#d50000;font-size:10.5px}",
            ".halo{paint-order:stroke;stroke:#ffffff;stroke-width:3px;stroke-linejoin:round}");

    private TimelineStyle() {
    }
}
