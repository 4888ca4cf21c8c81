"""The studio session: one Qt-free model of what the learner is looking at.

spec.py          ScenarioKey, ScenarioSpec (what defines a model generation), EngineState
session.py       StudioSession: scenario, generation, runs, traced step, cursor, selection,
                 expand state, search; commands in, typed events out
events.py        the typed events views subscribe to
commands.py      the records the session sends to the engine loop
engine_loop.py   EngineLoop: owns the model in its own thread; outputs.py: what it reports
backprop.py      TracedStep and cursor moves; position.py: "backward 5 of 6"
run.py           Run: metrics, parameter statistics and attention maps of one generation
graph_picture.py what the graph view draws; inspection.py: what the Inspector shows
status.py        the status bar line; formatting.py: numbers and shapes
"""
