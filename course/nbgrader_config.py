"""nbgrader's configuration for this course (README, "Teachers").

Run nbgrader from this directory.  The assignment is the course's own notebooks folder,
``../notebooks`` (assignment id ``notebooks``); what nbgrader writes (release/,
submitted/, autograded/, feedback/, gradebook.db) stays here and is ignored by git.

The notebooks are in the shipped layout of tools/place_solutions.py: every solution is a
cell tagged ``solution`` at the back, with cells around it tagged ``solution-link`` and
``solutions``; after each, a locked, autograded cell whose ``### BEGIN HIDDEN TESTS``
region asserts ``is_right(key, answer)``.  The release drops the tagged cells before
nbgrader's own steps (so no solution region is ever seen, and the release has the same
lesson cells as ``make student``) and keeps the hidden-test cells, emptied of their
tests, for autograde to restore.  nbgrader reads only this file from the course
directory: it imports nothing of the course.
"""

from nbconvert.preprocessors import TagRemovePreprocessor
from nbgrader.converters import GenerateAssignment

c = get_config()  # noqa: F821 (defined by traitlets when it loads this file)

c.CourseDirectory.source_directory = ".."
c.CourseDirectory.notebook_id = "*"

# tools/place_solutions.py: SOLUTION and the cells it writes around a solution
c.TagRemovePreprocessor.enabled = True
c.TagRemovePreprocessor.remove_cell_tags = ["solution", "solution-link", "solutions"]
c.GenerateAssignment.preprocessors = [
    TagRemovePreprocessor, *GenerateAssignment.preprocessors.default()]

# No solution region is left for nbgrader to clear; should one ever be, its stub must not
# stop Run All at the first exercise (nbgrader's default raises NotImplementedError).
c.ClearSolutions.code_stub = {"python": "# your answer here\n..."}
